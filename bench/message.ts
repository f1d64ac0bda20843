/**
 * Message check throughput on one core (budget: ≥ 200k texts/s, docs/architecture.md): the
 * full pure check of src/core/message (validation, encoding, parts, non-GSM positions, STOP
 * mention and code, sender rules, policy violations) over a corpus of realistic French
 * marketing texts (bench/corpus-fr.ts).
 *
 * Baseline, measured in the same run on the same texts: the naive check many tools do,
 * `[...text].length` for the length plus one ASCII test and rules.md's STOP regex. It knows
 * nothing of GSM-7, extension characters, parts, senders or positions; the ratio shows what the
 * real check costs against it. Also printed: the API-side check (zod validation of the request
 * included), encodeParts for the SMPP transport, and a template worst case over 1M recipients.
 */
import { availableParallelism, loadavg } from 'node:os';
import { loadConfig } from '../src/config.ts';
import { checkMessage } from '../src/core/message/check-message.ts';
import { compileTemplate } from '../src/core/message/compile-template.ts';
import { encodeParts } from '../src/core/message/encode-parts.ts';
import { findWorstCase } from '../src/core/message/find-worst-case.ts';
import { checkMessage as checkMessageRequest } from '../src/services/message.ts';
import { buildFrenchCorpus } from './corpus-fr.ts';

const corpus = buildFrenchCorpus(Number(process.env.BENCH_CORPUS ?? 400));
const rounds = Number(process.env.BENCH_ROUNDS ?? 2_500);
const total = corpus.length * rounds;
/** Baseline and check alternate in short slices, so machine noise hits both alike. */
const slices = 10;

function rateOf(body: (rounds: number) => number, n: number): number {
  const start = process.hrtime.bigint();
  body(n);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (n * corpus.length) / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(label: string, body: (rounds: number) => number, count = total): number {
  body(Math.max(1, Math.round(rounds / 10))); // warm-up
  const rates: number[] = [];
  for (let i = 0; i < slices; i += 1) rates.push(rateOf(body, count / corpus.length / slices));
  const best = Math.max(...rates);
  console.log(
    `${label.padEnd(44)} best ${fmt(best)} /s, median ${fmt(median(rates))} /s (${count.toLocaleString('en')} in ${slices} slices)`,
  );
  return best;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}

const stopRule = /\bSTOP(\s+SMS)?\s*(au|:)?\s*3[0-9]{4}\b/i;
const ascii = /^[\x20-\x7e\n\r]*$/;

function runBaseline(n: number): number {
  let sink = 0;
  for (let r = 0; r < n; r += 1) {
    for (const entry of corpus) {
      const length = [...entry.text].length;
      const gsm = ascii.test(entry.text);
      const parts = Math.ceil(length / (gsm ? 153 : 67));
      if (stopRule.test(entry.text)) sink += 1;
      sink += parts;
    }
  }
  return sink;
}

function runCheck(n: number): number {
  let sink = 0;
  for (let r = 0; r < n; r += 1) {
    for (const entry of corpus) {
      const result = checkMessage(entry.text, {
        sender: entry.sender,
        purpose: entry.purpose,
        stopCode: '36180',
        maxParts: 1,
      });
      sink += result.parts + result.violations.length;
    }
  }
  return sink;
}

// Interleaved: slice i of the baseline, then slice i of the check; the ratio is their median.
runBaseline(rounds / 10);
runCheck(rounds / 10);
const baselineRates: number[] = [];
const checkRates: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < slices; i += 1) {
  const b = rateOf(runBaseline, rounds / slices);
  const c = rateOf(runCheck, rounds / slices);
  baselineRates.push(b);
  checkRates.push(c);
  ratios.push(c / b);
}
const naive = Math.max(...baselineRates);
const full = Math.max(...checkRates);
console.log(
  `${'baseline: [...text].length + 2 regexes'.padEnd(44)} best ${fmt(naive)} /s, median ${fmt(median(baselineRates))} /s`,
);
console.log(
  `${'message check (core, full)'.padEnd(44)} best ${fmt(full)} /s, median ${fmt(median(checkRates))} /s`,
);

const config = loadConfig({ TEXTO_STOP_CODE: '36180' });
const requests = corpus.map((e) => ({ text: e.text, sender: e.sender, purpose: e.purpose }));
const service = time(
  'message check (service: zod request + core)',
  (n) => {
    let sink = 0;
    for (let r = 0; r < n; r += 1) {
      for (const request of requests) sink += checkMessageRequest(config, request).parts;
    }
    return sink;
  },
  total / 5,
);

const encode = time('encodeParts (SMPP bytes and parts)', (n) => {
  let sink = 0;
  for (let r = 0; r < n; r += 1) {
    for (const entry of corpus) sink += encodeParts(entry.text).parts.length;
  }
  return sink;
});

const template = compileTemplate(
  'Bonjour {firstName|client}, -20% sur tout chez {shop|nous} ce samedi ! STOP au 36180',
);
const firstNames = ['Marie', 'Jean', 'Hélène', 'Zoé', 'Théo', 'Loïc', '', 'Françoise'];
const recipients = Array.from({ length: 1_000_000 }, (_, i) => ({
  firstName: firstNames[i % firstNames.length],
  shop: i % 3 === 0 ? 'Dupont Meubles Brest' : undefined,
}));
const start = process.hrtime.bigint();
const worst = findWorstCase(template, recipients);
const worstMs = Number(process.hrtime.bigint() - start) / 1e6;

console.log('');
console.log(
  `corpus: ${corpus.length} French marketing texts x ${rounds} rounds = ${total.toLocaleString('en')} checks, one thread; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
);
console.log(
  `message check: ${fmt(full)} checks/s best slice, ${fmt(median(checkRates))} median (budget 200,000/s: ${full >= 200_000 ? 'PASS' : 'FAIL'})`,
);
console.log(
  `ratio to the naive baseline (median of ${slices} interleaved slices): ${median(ratios).toFixed(2)} (baseline best ${fmt(naive)}/s)`,
);
console.log(`service-level check (with zod request validation): ${fmt(service)} checks/s`);
console.log(`encodeParts: ${fmt(encode)} texts/s`);
console.log(
  `template worst case, 1,000,000 recipients: ${worstMs.toFixed(0)} ms (${worst.encoding}, max ${worst.maxParts} part(s), cause recipient ${worst.ucs2Cause?.recipient} "${worst.ucs2Cause?.char}")`,
);
