import { createViolation, type Violation } from '../message/violation.ts';

/**
 * TX-SND-01: when the workspace approved sender names, a campaign or message uses one of them
 * (exact spelling: the name is shown as is on the phone). An empty list approves any sender
 * the sender rules accept.
 */
export function checkApprovedSender(
  sender: string,
  approved: readonly string[] | undefined,
): Violation | null {
  if (!approved || approved.length === 0 || approved.includes(sender)) return null;
  return createViolation(
    'TX-SND-01',
    'policy',
    'block',
    `L’expéditeur « ${sender} » n’est pas parmi les expéditeurs approuvés de l’espace de travail (${approved.join(', ')}) : choisissez-en un, ou faites-le ajouter dans les réglages.`,
  );
}
