/**
 * This worker's send limit when its share of the account TPS changes over time: at most
 * `share` parts in any 1.05 s and a tenth of that in any 105 ms (the transports' strict form
 * of a token bucket), judged against the sends of the last second whatever the share was then.
 * So when a worker joins and the share halves, the sends already made count against it.
 */
export function createShareLimiter(): (now: number, share: number) => number {
  const stamps: number[] = [];
  let head = 0;
  return (now, share) => {
    while (head < stamps.length && now - stamps[head]! >= 1050) head += 1;
    if (head > 4096) {
      stamps.splice(0, head);
      head = 0;
    }
    const perSecond = Math.max(1, Math.floor(share));
    const perTenth = Math.max(1, Math.ceil(perSecond / 10));
    const count = stamps.length - head;
    let wait = count >= perSecond ? stamps[stamps.length - perSecond]! + 1050 - now : 0;
    let recent = 0;
    for (let i = stamps.length - 1; i >= head && now - stamps[i]! < 105; i--) recent += 1;
    if (recent >= perTenth) wait = Math.max(wait, stamps[stamps.length - perTenth]! + 105 - now);
    if (wait > 0) return wait;
    stamps.push(now);
    return 0;
  };
}
