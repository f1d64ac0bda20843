/** GET/PATCH /api/workspaces/:id/settings (src/api/workspace-settings.ts). */
export interface WorkspaceSettings {
  rightsMention: string | null;
  strictPartners: boolean;
  senders: string[];
  defaultSender: string | null;
  stopCode: string | null;
  effectiveStopCode: string | null;
  /** Campaigns that may still send but mention another STOP code: they are blocked. */
  stopMismatch: readonly { id: string; name: string; state: string }[];
  defaultPolicy: string | null;
  effectivePolicy: string;
  transport: TransportView;
}

export interface TransportView {
  kind: string;
  host: string | null;
  port: number | null;
  tps: number | null;
  binds: number | null;
  window: number | null;
  longMessages: string | null;
  bindMode: string | null;
  tls: boolean;
}

/** Sends a change; answers the API's errors by field ({} when saved). */
export type SaveSettings = (change: Partial<WorkspaceSettings>) => Promise<Record<string, string>>;

/** What each settings section receives. */
export interface SectionProps {
  settings: WorkspaceSettings;
  save: SaveSettings;
  /** Only owners may change settings; others read them. */
  readOnly: boolean;
}
