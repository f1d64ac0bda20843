import type { ApiClient } from './api-client.ts';

/** What every workspace screen receives from the shell. */
export interface ScreenProps {
  readonly api: ApiClient;
  readonly workspaceId: string;
  readonly role: string;
  /** Goes to another screen of the same workspace, e.g. navigate('campaigns/cmp_1'). */
  readonly navigate: (screen: string) => void;
  /** What follows the screen name in the address (e.g. a campaign id). */
  readonly rest: string;
}
