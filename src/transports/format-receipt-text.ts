/**
 * An SMPP 3.4 Appendix B receipt text, as the simulator SMSC sends it:
 * `id:… sub:001 dlvrd:… submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:… err:… text:`.
 */
export function formatReceiptText(id: string, delivered: boolean, at: Date): string {
  const date = smppDate(at);
  return (
    `id:${id} sub:001 dlvrd:${delivered ? '001' : '000'} submit date:${date} done date:${date} ` +
    `stat:${delivered ? 'DELIVRD' : 'UNDELIV'} err:${delivered ? '000' : '001'} text:`
  );
}

function smppDate(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    two(at.getUTCFullYear() % 100) +
    two(at.getUTCMonth() + 1) +
    two(at.getUTCDate()) +
    two(at.getUTCHours()) +
    two(at.getUTCMinutes())
  );
}
