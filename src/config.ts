import { z } from 'zod';
import { defaultOptOutGuard } from './core/campaign/opt-out-guard.ts';
import { DomainError } from './core/domain-error.ts';

/**
 * The only reader of process.env. `loadConfig` is pure: it takes the environment as a value,
 * reports every problem at once and returns a frozen object. Zero configuration runs the
 * product (embedded SQLite, simulator transport).
 */
const shortCode = z.string().regex(/^3\d{4}$/, 'must be a 5-digit short code starting with 3');
const listOfWords = z.string().transform((s) =>
  s
    .split(',')
    .map((w) => w.trim().toUpperCase())
    .filter(Boolean),
);
const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  TEXTO_DATA_DIR: z.string().min(1).default('./data'),
  TEXTO_DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must be a postgres:// URL or sqlite:PATH')
    .optional(),
  TEXTO_HOST: z.string().min(1).default('127.0.0.1'),
  TEXTO_PORT: port.default(8080),
  TEXTO_TRANSPORT: z.string().min(1).default('simulator'),
  TEXTO_STOP_CODE: shortCode.optional(),
  TEXTO_SENDER_DENYLIST: listOfWords.optional(),
  TEXTO_MAX_PARTS: z.coerce.number().int().min(1).max(10).default(1),
  TEXTO_PENALTY_PER_NUMBER_EUR: z.coerce.number().nonnegative().default(1000),
  TEXTO_OPT_OUT_PAUSE_PERCENT: z.coerce
    .number({ error: 'must be a percentage from 0 to 100' })
    .min(0, 'must be a percentage from 0 to 100')
    .max(100, 'must be a percentage from 0 to 100')
    .default(defaultOptOutGuard.percent),
  TEXTO_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TEXTO_DEMO: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  TEXTO_INBOUND_HOST: z.string().min(1).default('127.0.0.1'),
  TEXTO_INBOUND_PORT: port.default(8081),
  TEXTO_CALLBACK_URL: z.url({ error: 'must be a URL such as http://10.0.0.4:8081' }).optional(),
  TEXTO_WEBHOOK_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters (the HMAC secret shared with the provider)')
    .optional(),
});

/** Variables of the test and benchmark scripts: theirs, not the product's. */
const scriptVariables = new Set(['TEXTO_TEST_PG_URL', 'TEXTO_BENCH_PG_URL']);

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly transport: string;
  readonly stopCode: string | undefined;
  readonly senderDenylist: readonly string[] | undefined;
  readonly maxParts: number;
  readonly penaltyPerNumberEur: number;
  /** FR-SND-04: pause a campaign whose opt-outs reach this share of its sent messages; 0 = never. */
  readonly optOutPausePercent: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /**
   * Where the HTTP gateways (Kannel, webhook) post receipts and replies: Texto's listener, and
   * the URL Kannel must call when it is not that listener's (a proxy, a container).
   */
  readonly inbound: { readonly host: string; readonly port: number };
  readonly callbackUrl: string | undefined;
  /** The webhook transport's HMAC secret (required with a `webhook+` transport). */
  readonly webhookSecret: string | undefined;
  /** `npm start` seeds the demo into an empty database (TEXTO_DEMO=off: never). */
  readonly demo: boolean;
  /**
   * TEXTO_* variables set but not Texto's (a typo: TEXTO_TRANSPROT). Not an error, since other
   * tools may share the prefix, but said at start: silently ignored, a mistyped transport ran
   * the simulator, which marks messages delivered without sending anything.
   */
  readonly unknownVariables: readonly string[];
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('TEXTO_') && v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new DomainError('invalid_input', `invalid configuration: ${problems.join('; ')}`, {
      problems,
    });
  }
  const e = parsed.data;
  if (e.TEXTO_TRANSPORT.startsWith('webhook+') && !e.TEXTO_WEBHOOK_SECRET) {
    const problem =
      'TEXTO_WEBHOOK_SECRET: required with a webhook+ TEXTO_TRANSPORT (the HMAC secret shared with the provider, 16 characters or more)';
    throw new DomainError('invalid_input', `invalid configuration: ${problem}`, {
      problems: [problem],
    });
  }
  return Object.freeze({
    dataDir: e.TEXTO_DATA_DIR,
    databaseUrl: e.TEXTO_DATABASE_URL,
    host: e.TEXTO_HOST,
    port: e.TEXTO_PORT,
    transport: e.TEXTO_TRANSPORT,
    stopCode: e.TEXTO_STOP_CODE,
    senderDenylist: e.TEXTO_SENDER_DENYLIST ? Object.freeze(e.TEXTO_SENDER_DENYLIST) : undefined,
    maxParts: e.TEXTO_MAX_PARTS,
    penaltyPerNumberEur: e.TEXTO_PENALTY_PER_NUMBER_EUR,
    optOutPausePercent: e.TEXTO_OPT_OUT_PAUSE_PERCENT,
    logLevel: e.TEXTO_LOG_LEVEL,
    demo: e.TEXTO_DEMO === 'on',
    inbound: Object.freeze({ host: e.TEXTO_INBOUND_HOST, port: e.TEXTO_INBOUND_PORT }),
    callbackUrl: e.TEXTO_CALLBACK_URL,
    webhookSecret: e.TEXTO_WEBHOOK_SECRET,
    unknownVariables: Object.freeze(
      Object.keys(relevant).filter((k) => !(k in schema.shape) && !scriptVariables.has(k)),
    ),
  });
}
