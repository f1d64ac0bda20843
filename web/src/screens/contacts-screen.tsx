import { consentFields, contactFields } from '../../../src/core/contact/contact-fields.ts';
import { ContactLookup } from '../contacts/contact-lookup.tsx';
import { ImportPanel } from '../contacts/import-panel.tsx';
import { SuppressionPanel } from '../contacts/suppression-panel.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';
import { useResource } from '../use-resource.ts';

const importFields = [...contactFields, ...consentFields];

/** Import (mapping, progress, rejects), search with consent history, suppression list. */
export function ContactsScreen(props: ScreenProps) {
  const t = useT();
  const base = `/api/workspaces/${props.workspaceId}/contacts`;
  const count = useResource(() => props.api.get<{ contacts: number }>(`${base}/count`), base);
  return (
    <section aria-labelledby="contacts-title">
      <h1 id="contacts-title">{t('nav.contacts')}</h1>
      <p data-testid="contact-count">
        {count.data ? t('contacts.count', { n: count.data.contacts.toLocaleString() }) : ''}
      </p>
      <ImportPanel
        api={props.api}
        workspaceId={props.workspaceId}
        path={`${base}/imports`}
        fields={importFields}
        title={t('import.title')}
        consentEvidence
        onDone={count.reload}
      />
      <ContactLookup api={props.api} workspaceId={props.workspaceId} />
      <SuppressionPanel api={props.api} workspaceId={props.workspaceId} />
    </section>
  );
}
