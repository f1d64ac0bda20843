import { isBannedSector } from '../campaign/banned-sectors.ts';
import type { Purpose, Sector } from '../campaign/campaign.ts';
import { compileTemplate } from '../message/compile-template.ts';
import { measureText } from '../message/measure-text.ts';
import type { Encoding } from '../message/part-capacity.ts';
import type { AdvertiserNames } from './check-advertiser-named.ts';
import { checkCampaignMessage } from './check-campaign-message.ts';
import { describeExclusions } from './describe-exclusions.ts';
import { createFinding, type Finding } from './finding.ts';
import { measureMessages } from './measure-messages.ts';
import type { ExclusionReason, PreflightRecipient } from './preflight-recipient.ts';
import { type ScreenResult, screenRecipients } from './screen-recipients.ts';

export interface PreflightInput {
  readonly campaign: {
    readonly sender: string;
    readonly text: string;
    readonly purpose: Purpose;
    readonly sector: Sector;
  };
  readonly recipients: readonly PreflightRecipient[];
  /** The instant of the check (consent validity is judged at it). */
  readonly now: Date;
  readonly stopCode?: string | undefined;
  /** Policy: most SMS parts per message (TEXTO_MAX_PARTS, default 1). */
  readonly maxParts?: number;
  readonly senderDenylist?: readonly string[] | undefined;
  /** The workspace's approved sender names (TX-SND-01); empty or absent = any valid sender. */
  readonly approvedSenders?: readonly string[] | undefined;
  /** Whom the campaign is sent for (FR-MSG-01: named by the sender or the text). */
  readonly advertiser?: AdvertiserNames | undefined;
  /** The workspace's LIST-03 source-and-rights mention token; null/undefined when none. */
  readonly rightsMention?: string | null;
  /** Rental licences already used by another campaign. */
  readonly exhaustedLicences?: ReadonlySet<string>;
  /** Per-number penalty figure (TEXTO_PENALTY_PER_NUMBER_EUR, default 1,000 €). */
  readonly penaltyPerNumberEur?: number;
}

export interface PreflightReport {
  /** No blocking finding: the campaign may be scheduled. */
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  readonly recipients: {
    readonly total: number;
    readonly eligible: number;
    readonly excluded: Readonly<Record<ExclusionReason, number>>;
  };
  readonly message: {
    readonly encoding: Encoding;
    /** Worst case over the eligible recipients' placeholder values. */
    readonly parts: number;
    readonly totalParts: number;
    readonly stop: { readonly present: boolean; readonly code: string | null };
    readonly sender: { readonly valid: boolean; readonly kind: string; readonly reason?: string };
  };
  /** Information only: what sending to the excluded numbers without valid consent could cost. */
  readonly exposureAvoided: {
    readonly numbers: number;
    readonly penaltyPerNumberEur: number;
    readonly amountEur: number;
  };
}

/** The eligible recipients, ready for the plan (ascending id order). */
export interface EligibleSet
  extends Pick<ScreenResult, 'eligible' | 'e164' | 'classOf' | 'classes'> {
  /** Parts of each eligible recipient's message. */
  readonly parts: Uint8Array;
}

/**
 * The preflight of a campaign: who is eligible (every exclusion counted by reason), what the
 * message is worth over every recipient's values, and every finding with its rule, layer,
 * severity and count. Pure: recipients come from the services layer, `now` is a parameter.
 */
export function runPreflight(input: PreflightInput): {
  report: PreflightReport;
  eligible: EligibleSet;
} {
  const { campaign } = input;
  const maxParts = input.maxParts ?? 1;
  const screen = screenRecipients(input.recipients, {
    now: input.now,
    bannedSector: isBannedSector(campaign.sector),
    exhaustedLicences: input.exhaustedLicences ?? new Set(),
  });
  const template = compileTemplate(campaign.text);
  const measures = measureMessages(template, screen.eligible, maxParts);
  const message = checkCampaignMessage({
    template,
    sender: campaign.sender,
    purpose: campaign.purpose,
    stopCode: input.stopCode,
    senderDenylist: input.senderDenylist,
    approvedSenders: input.approvedSenders,
    advertiser: input.advertiser,
    maxParts,
    rightsMention: input.rightsMention ?? null,
    measures,
    eligible: screen.eligible.length,
    fromList: screen.fromList,
  });
  const findings: Finding[] = [];
  if (screen.eligible.length === 0) {
    findings.push(
      createFinding(
        'TX-RCP-01',
        'block',
        0,
        `Aucun destinataire éligible sur ${screen.total} : la campagne n’enverrait rien.`,
      ),
    );
  }
  findings.push(
    ...message.findings,
    ...describeExceptions(screen),
    ...describeExclusions(screen.excluded, campaign.sector),
  );
  const penalty = input.penaltyPerNumberEur ?? 1000;
  const fallback = screen.eligible.length === 0 ? measureText(template.render({}).text) : null;
  const report: PreflightReport = {
    ok: findings.every((f) => f.severity !== 'block'),
    findings: sortFindings(findings),
    recipients: {
      total: screen.total,
      eligible: screen.eligible.length,
      excluded: screen.excluded,
    },
    message: {
      encoding: fallback?.encoding ?? measures.encoding,
      parts: fallback?.parts ?? measures.maxParts,
      totalParts: measures.totalParts,
      stop: message.stop,
      sender: message.sender,
    },
    exposureAvoided: {
      numbers: screen.withoutValidConsent,
      penaltyPerNumberEur: penalty,
      amountEur: screen.withoutValidConsent * penalty,
    },
  };
  return {
    report,
    eligible: {
      eligible: screen.eligible,
      e164: screen.e164,
      classOf: screen.classOf,
      classes: screen.classes,
      parts: measures.parts,
    },
  };
}

/**
 * Recipients reached without prior consent, under an exception whose conditions the data
 * cannot show: the marketer is told what makes it lawful (warnings, kept in the certificate).
 */
function describeExceptions(screen: { b2b: number; nonCommercial: number }): Finding[] {
  const found: Finding[] = [];
  if (screen.b2b > 0) {
    found.push(
      createFinding(
        'FR-CONS-05',
        'warn',
        screen.b2b,
        `${screen.b2b} destinataire(s) joints sans consentement préalable au titre de l’exception B2B : le message doit porter sur leur activité professionnelle, sur leur numéro professionnel ; une offre grand public leur exige un opt-in.`,
      ),
    );
  }
  if (screen.nonCommercial > 0) {
    found.push(
      createFinding(
        'FR-CONS-04',
        'warn',
        screen.nonCommercial,
        `${screen.nonCommercial} destinataire(s) joints sans consentement préalable au titre de la prospection non commerciale : réservé à une association ou un organisme caritatif, pour un message sans but commercial ; sinon un opt-in est nécessaire.`,
      ),
    );
  }
  return found;
}

const layerOrder = { law: 0, charter: 1, policy: 2, advice: 3 } as const;

/** Blocking first, then by layer (law first), then by rule id: a stable reading order. */
function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1) ||
      layerOrder[a.layer] - layerOrder[b.layer] ||
      a.rule.localeCompare(b.rule),
  );
}
