/** The answer of POST /api/workspaces/:id/messages/check (see src/api/messages.ts). */
export interface MessageCheckAnswer {
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  parts: number;
  perPart: number;
  nonGsm: { char: string; index: number }[];
  stop: { present: boolean; code: string | null };
  sender: { valid: boolean; kind: string; reason?: string } | null;
  violations: { rule: string; layer: string; severity: 'block' | 'warn'; message: string }[];
  ok: boolean;
  transliterated?: boolean;
  replacements?: { char: string; index: number; with: string }[];
  appendedStop?: boolean;
}
