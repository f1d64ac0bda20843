import { useState } from 'react';
import { type Draft, MessageComposer } from '../composer/message-composer.tsx';
import { useT } from '../i18n/i18n-context.tsx';
import type { ScreenProps } from '../screen-props.ts';

/** A free composer to try a text (campaigns embed the same composer). */
export function ComposerScreen(props: ScreenProps) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>({ sender: '', text: '', stopCode: '' });
  return (
    <section aria-labelledby="compose-title">
      <h1 id="compose-title">{t('compose.title')}</h1>
      <MessageComposer
        api={props.api}
        workspaceId={props.workspaceId}
        draft={draft}
        onChange={setDraft}
      />
    </section>
  );
}
