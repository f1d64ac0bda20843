import type { MessageKey } from '../i18n/fr.ts';
import { useT } from '../i18n/i18n-context.tsx';
import type { Finding } from './campaign-types.ts';

/** The family of a rule id (FR-MSG-02 -> FR-MSG) whose explanation the UI has. */
function familyOf(rule: string): string {
  return rule.replace(/-\d+[a-z]?$/, '');
}

/** Each preflight finding with its rule id, layer, count and what the rule family is about. */
export function FindingsList(props: { findings: readonly Finding[] }) {
  const t = useT();
  if (props.findings.length === 0) return <p className="ok">{t('campaign.noFinding')}</p>;
  return (
    <ul className="findings" data-testid="findings">
      {props.findings.map((f) => {
        const family = `rule.${familyOf(f.rule)}` as MessageKey;
        const explained = t(family);
        return (
          <li key={f.rule + f.message} className={f.severity}>
            <strong>{f.rule}</strong> — {t(`compose.severity.${f.severity}`)} ·{' '}
            {t('campaign.findingCount', { n: f.count.toLocaleString() })}
            <br />
            {f.message}
            {explained !== family && <p className="hint">{explained}</p>}
          </li>
        );
      })}
    </ul>
  );
}
