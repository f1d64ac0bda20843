/**
 * Recipient-instant window checks per second (budget >= 200k/s, docs/architecture.md) over a
 * realistic mix: 80% metropolitan, the rest overseas (every territory, +590 and French
 * Polynesia included), random instants over 2026-2027, default policy. Baseline measured in the
 * same run: a naive engine computing the recipient's local time with Intl.DateTimeFormat on
 * every check (formatToParts, then weekday and hour tests, no holidays at all).
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parseNumber } from '../src/core/phone/parse-number.ts';
import { isSendable } from '../src/core/rules/is-sendable.ts';
import type { Recipient } from '../src/core/rules/recipient.ts';

const checks = Number(process.env.BENCH_CHECKS ?? 1_000_000);
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const overseas = [
  () => `0692${digits(6)}`,
  () => `0639${digits(2).replace(/^./, '2')}${digits(4)}`,
  () => `0690${digits(6)}`,
  () => `0694${digits(2).replace(/^./, '2')}${digits(4)}`,
  () => `0696${digits(6)}`,
  () => `+50855${digits(4)}`,
  () => `+6898${7 + Math.floor(random() * 3)}${digits(6)}`,
  () => `+68172${digits(4)}`,
  () => `+6877${digits(5)}`,
];

const recipients: Recipient[] = [];
while (recipients.length < 20_000) {
  const input =
    random() < 0.8
      ? `06${digits(8)}`
      : (overseas[Math.floor(random() * overseas.length)] as () => string)();
  const number = parseNumber(input);
  if (!number.valid || !number.mobile) continue;
  const department =
    random() < 0.3 ? String(1 + Math.floor(random() * 95)).padStart(2, '0') : undefined;
  recipients.push(department && number.country === 'FR' ? { number, department } : { number });
}
const from = Date.parse('2026-01-01T00:00:00Z');
const span = Date.parse('2028-01-01T00:00:00Z') - from;
const instants = Float64Array.from({ length: 100_003 }, () => from + Math.floor(random() * span));

function runEngine(n: number): { perSecond: number; allowed: number } {
  let allowed = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const r = recipients[i % recipients.length] as Recipient;
    if (isSendable(r, instants[i % instants.length] as number).allowed) allowed += 1;
  }
  return { perSecond: n / ((performance.now() - start) / 1000), allowed };
}

const formats = new Map<string, Intl.DateTimeFormat>();
function runNaive(n: number): { perSecond: number; allowed: number } {
  let allowed = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const r = recipients[i % recipients.length] as Recipient;
    let ok = true;
    for (const zone of r.number.timeZones) {
      let f = formats.get(zone);
      if (!f) {
        f = new Intl.DateTimeFormat('en-GB', {
          timeZone: zone,
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        });
        formats.set(zone, f);
      }
      const parts = f.formatToParts(instants[i % instants.length] as number);
      const hour = Number(parts.find((p) => p.type === 'hour')?.value);
      const weekday = parts.find((p) => p.type === 'weekday')?.value;
      if (weekday === 'Sun' || hour < 8 || hour >= 20) ok = false;
    }
    if (ok) allowed += 1;
  }
  return { perSecond: n / ((performance.now() - start) / 1000), allowed };
}

runEngine(200_000); // warm-up: fills zone and holiday caches, JIT
runNaive(20_000);
const engine = runEngine(checks);
const naive = runNaive(Math.max(50_000, Math.floor(checks / 5)));
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(
  `window checks: ${fmt(engine.perSecond)} recipient-instant checks/s over ${fmt(checks)} checks (${((engine.allowed / checks) * 100).toFixed(1)}% allowed; budget 200,000/s: ${engine.perSecond >= 200_000 ? 'met' : 'MISSED'})`,
);
console.log(
  `baseline (Intl.DateTimeFormat per check, no holidays): ${fmt(naive.perSecond)} checks/s`,
);
console.log(`ratio engine/baseline: ${(engine.perSecond / naive.perSecond).toFixed(1)}x`);

// Secondary figure: parseNumber (the import path) against libphonenumber parse + getType.
const inputs = Array.from({ length: 200_000 }, () =>
  random() < 0.8
    ? `06${digits(8)}`
    : (overseas[Math.floor(random() * overseas.length)] as () => string)(),
);
const time = (f: (s: string) => unknown) => {
  const start = performance.now();
  for (const s of inputs) f(s);
  return inputs.length / ((performance.now() - start) / 1000);
};
time((s) => parseNumber(s));
const ours = time((s) => parseNumber(s));
const library = time((s) => parsePhoneNumberFromString(s, 'FR' as CountryCode)?.getType());
console.log(
  `parseNumber: ${fmt(ours)} numbers/s; libphonenumber parse+getType: ${fmt(library)}/s; ratio ${(ours / library).toFixed(1)}x`,
);
