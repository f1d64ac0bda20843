import { windowIntervals } from '../rules/window-intervals.ts';
import type { WindowSource } from './plan-campaign.ts';

/**
 * The plan's window source over the window engine: one `windowIntervals` call per class and
 * horizon with the class's representative recipient, under the campaign's policy
 * ('brief' by default, 'charter', or 'custom:…').
 */
export function createWindowSource(policy?: string): WindowSource {
  return (windowClass, from, to) => windowIntervals(windowClass.recipient, from, to, policy);
}
