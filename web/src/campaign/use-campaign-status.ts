import { useEffect, useState } from 'react';
import type { ApiClient } from '../api-client.ts';
import type { CampaignStatus } from './campaign-types.ts';

/** GET …/status every second while the page is open (the live sending view). */
export function useCampaignStatus(api: ApiClient, path: string, active: boolean) {
  const [status, setStatus] = useState<CampaignStatus | undefined>();
  useEffect(() => {
    if (!active) return;
    let live = true;
    const tick = () =>
      api.get<CampaignStatus>(path).then(
        (s) => live && setStatus(s),
        () => undefined,
      );
    tick();
    const timer = setInterval(tick, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, path, active]);
  return status;
}
