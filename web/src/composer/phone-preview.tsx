import { useT } from '../i18n/i18n-context.tsx';

/** How the SMS looks on a phone: the sender as the conversation title and one bubble. */
export function PhonePreview(props: { sender: string; text: string }) {
  const t = useT();
  return (
    <figure className="phone" aria-label={t('compose.preview')}>
      <figcaption className="phone-sender">{props.sender || '—'}</figcaption>
      <div className="bubble" data-testid="preview-text">
        {props.text || <span className="muted">{t('compose.previewEmpty')}</span>}
      </div>
    </figure>
  );
}
