/** Shapes of the campaign answers of the API (src/api/campaigns.ts) the screens read. */
export interface Finding {
  rule: string;
  layer: string;
  severity: 'block' | 'warn';
  count: number;
  message: string;
}

export interface Campaign {
  id: string;
  name: string;
  sender: string;
  text: string;
  purpose: string;
  sector: string;
  audiences: string[];
  licences: string[];
  schedule: { start: string; finishBy?: string; slots: string };
  tps: number;
  state: string;
  createdAt: string;
  updatedAt: string;
  messages?: Record<string, number>;
}

/** One line of GET /api/workspaces/:id/campaigns. */
export interface CampaignListItem {
  id: string;
  name: string;
  state: string;
  sender: string;
  createdAt: string;
  start: string;
  scheduledAt: string | null;
  recipients: number | null;
  sent: number | null;
}

export interface PreflightReport {
  ok: boolean;
  findings: Finding[];
  recipients: { total: number; eligible: number; excluded: Record<string, number> };
  message: { encoding: string; parts: number; totalParts: number };
  exposureAvoided: { numbers: number; penaltyPerNumberEur: number; amountEur: number };
  plan: {
    start: string | null;
    end: string | null;
    perDay: Record<string, number>;
    perSlot: Record<string, number>;
    perTerritory: Record<string, Record<string, unknown>>;
    planned: number;
    unplaceable: number;
  } | null;
  cost: { parts: number; eur: number } | null;
}

export interface CampaignStatus {
  state: string;
  total: number;
  states: Record<string, number>;
  delivery: Record<string, number>;
  unknown: number;
  optOuts: { count: number; percent: number | null };
  /** When the next planned message is due (a later window, a best slot), or null. */
  nextPlannedAt: string | null;
}

export type ActionAnswer =
  | { ok: true; state?: string; messages?: number; campaign?: unknown }
  | { ok: false; reason?: string; message?: string; findings?: Finding[] };
