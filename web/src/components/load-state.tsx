import { ApiError } from '../api-client.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** Loading text, or the API's error (a route this server lacks is said plainly). */
export function LoadState(props: { loading: boolean; error?: unknown; onRetry?: () => void }) {
  const t = useT();
  if (props.error) {
    const missing = props.error instanceof ApiError && props.error.code === 'not_found';
    const message = props.error instanceof Error ? props.error.message : String(props.error);
    return (
      <div className="form-errors" role="alert">
        <p>{missing ? `${t('app.notYet')} (${message})` : `${t('app.error')}: ${message}`}</p>
        {props.onRetry && (
          <button type="button" onClick={props.onRetry}>
            {t('app.retry')}
          </button>
        )}
      </div>
    );
  }
  return props.loading ? <p className="muted">{t('app.loading')}</p> : null;
}
