import type { Purpose } from '../campaign/campaign.ts';
import { checkSender } from '../message/check-sender.ts';
import { checkStop } from '../message/check-stop.ts';
import type { CompiledTemplate } from '../message/compile-template.ts';
import { detectStop } from '../message/detect-stop.ts';
import { measureText } from '../message/measure-text.ts';
import { type AdvertiserNames, checkAdvertiserNamed } from './check-advertiser-named.ts';
import { checkApprovedSender } from './check-approved-sender.ts';
import { findPromotionalMarkers } from './find-promotional-markers.ts';
import { createFinding, type Finding } from './finding.ts';
import type { MessageMeasures } from './measure-messages.ts';

export interface CampaignMessageContext {
  readonly template: CompiledTemplate;
  readonly sender: string;
  readonly purpose: Purpose;
  readonly stopCode: string | undefined;
  readonly senderDenylist: readonly string[] | undefined;
  /** The workspace's approved sender names; empty or absent = any sender the rules accept. */
  readonly approvedSenders?: readonly string[] | undefined;
  /** Whom the campaign is sent for (FR-MSG-01); absent = not checked. */
  readonly advertiser?: AdvertiserNames | undefined;
  readonly maxParts: number;
  /** The workspace's source-and-rights mention (LIST-03), e.g. a link; null when none is set. */
  readonly rightsMention: string | null;
  readonly measures: MessageMeasures;
  /** Eligible recipients: the count of message-wide findings. */
  readonly eligible: number;
  readonly fromList: number;
}

export interface CampaignMessageCheck {
  readonly findings: Finding[];
  readonly stop: { readonly present: boolean; readonly code: string | null };
  readonly sender: { readonly valid: boolean; readonly kind: string; readonly reason?: string };
  readonly promotionalMarkers: readonly string[];
}

/** The message findings of a campaign: length and encoding over every recipient, STOP, sender, advertiser named, LIST-03, FR-SCOPE-01. */
export function checkCampaignMessage(context: CampaignMessageContext): CampaignMessageCheck {
  const { template, measures, eligible } = context;
  const everyone = Math.max(eligible, 1);
  const findings: Finding[] = [];
  if (measures.overLimit > 0) {
    findings.push(
      createFinding(
        'FR-MSG-04',
        'block',
        measures.overLimit,
        `${measures.overLimit} message(s) dépassent la limite de ${context.maxParts} SMS (jusqu’à ${measures.maxParts} SMS pour le contact n° ${measures.worstRecipientId}) : raccourcissez le texte ou les valeurs des champs de fusion.`,
      ),
    );
  }
  if (measures.ucs2Messages > 0) {
    const chars = measureText(template.source).nonGsm.map((c) => `« ${c.char} »`);
    const cause = chars.length > 0 ? ` (${[...new Set(chars)].slice(0, 5).join(', ')})` : '';
    findings.push(
      createFinding(
        'FR-MSG-04',
        'warn',
        measures.ucs2Messages,
        `${measures.ucs2Messages} message(s) partent en Unicode (UCS-2)${cause} : 70 caractères par SMS au lieu de 160 ; translittérez pour rester en GSM-7.`,
      ),
    );
  }
  if (measures.missingValues > 0) {
    const names = measures.missingPlaceholders.map((p) => `{${p}}`).join(', ');
    const example = measures.missingPlaceholders[0] ?? 'champ';
    findings.push(
      createFinding(
        'TX-TPL-01',
        'block',
        measures.missingValues,
        `${measures.missingValues} destinataire(s) sans valeur pour ${names} et sans valeur par défaut : écrivez par exemple {${example}|client}.`,
      ),
    );
  }
  const stop = detectStop(template.source);
  for (const v of checkStop(stop, context.purpose, context.stopCode)) {
    findings.push({ ...v, count: everyone });
  }
  const sender = checkSender(context.sender, context.purpose, context.senderDenylist);
  for (const v of sender.violations) findings.push({ ...v, count: everyone });
  const unapproved = sender.valid
    ? checkApprovedSender(context.sender, context.approvedSenders)
    : null;
  if (unapproved) findings.push({ ...unapproved, count: everyone });
  const hidden =
    context.advertiser && context.purpose === 'promotional'
      ? checkAdvertiserNamed(context.sender, template.source, context.advertiser)
      : null;
  if (hidden) findings.push({ ...hidden, count: everyone });
  if (context.fromList > 0) {
    const token = context.rightsMention?.trim();
    if (!token || !template.source.toLowerCase().includes(token.toLowerCase())) {
      const missing = token
        ? `le texte ne contient pas votre mention « ${token} »`
        : 'aucune mention source-et-droits n’est configurée pour votre espace';
      findings.push(
        createFinding(
          'LIST-03',
          'block',
          context.fromList,
          `${context.fromList} contact(s) viennent d’un fichier tiers : le premier message doit indiquer la source des données et comment exercer ses droits, or ${missing}.`,
        ),
      );
    }
  }
  const promotionalMarkers =
    context.purpose === 'transactional' ? findPromotionalMarkers(template.source) : [];
  if (promotionalMarkers.length > 0) {
    findings.push(
      createFinding(
        'FR-SCOPE-01',
        'warn',
        everyone,
        `Message déclaré transactionnel mais d’allure promotionnelle (${promotionalMarkers.join(', ')}) : à faire relire ; s’il est promotionnel, déclarez-le comme tel (STOP et horaires obligatoires).`,
      ),
    );
  }
  const senderView =
    sender.reason === undefined
      ? { valid: sender.valid, kind: sender.kind }
      : { valid: sender.valid, kind: sender.kind, reason: sender.reason };
  return {
    findings,
    stop: { present: stop.present, code: stop.code },
    sender: senderView,
    promotionalMarkers,
  };
}
