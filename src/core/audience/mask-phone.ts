/** Hides a number but its country code and last two digits: '+33612345678' -> '+33 ••••••• 78'. */
export function maskPhone(phone: string): string {
  const code = /^\+(1|7|2\d\d|3[578]\d|42\d|5[09]\d|6[7-9]\d|8[578]\d|9[679]\d|\d\d)/.exec(phone);
  const head = code ? code[0] : phone.slice(0, 3);
  const tail = phone.slice(-2);
  const hidden = Math.max(phone.length - head.length - 2, 0);
  return `${head} ${'•'.repeat(hidden)} ${tail}`;
}
