import { pathToFileURL } from 'node:url';
import { describeStartFailure } from './app/describe-start-failure.ts';
import { startProduct } from './app/start-product.ts';
import { type Config, loadConfig } from './config.ts';

export { startProduct };

/**
 * `npm start`: the whole product (API, UI, dispatcher worker on the simulator, webhooks) on
 * TEXTO_HOST:TEXTO_PORT over TEXTO_DATA_DIR's SQLite or TEXTO_DATABASE_URL's PostgreSQL.
 * SIGINT/SIGTERM stop it cleanly: no message is left claimed.
 */
async function main(): Promise<void> {
  let config: Config;
  let product: Awaited<ReturnType<typeof startProduct>>;
  const started = performance.now();
  try {
    config = loadConfig(process.env);
    for (const name of config.unknownVariables) {
      process.stderr.write(
        `Texto: warning: ${name} is not a Texto variable (ignored); see README\n`,
      );
    }
    process.stdout.write(
      config.demo
        ? 'Texto: starting (migrating, seeding the demo on first run)…\n'
        : 'Texto: starting (migrating; TEXTO_DEMO=off: no demo)…\n',
    );
    product = await startProduct(config, config.demo ? {} : { seed: false });
  } catch (error) {
    process.stderr.write(`Texto: cannot start: ${describeStartFailure(error, process.env)}\n`);
    process.exit(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    `Texto is running at ${product.url}  (ready in ${seconds} s)`,
    product.ui
      ? `  web app: ${product.url}/`
      : '  web app: not built (build web/ to get web/dist); the API alone is served',
    `  API reference: ${product.url}/api/docs   OpenAPI: ${product.url}/api/openapi.json`,
    `  database: ${config.databaseUrl ? 'PostgreSQL (TEXTO_DATABASE_URL)' : `SQLite in ${config.dataDir}`}`,
    `  transport: ${product.transport}`,
  ];
  if (product.logins.length > 0) {
    lines.push(product.seeded ? '  demo logins (just created):' : '  demo logins:');
    for (const l of product.logins) {
      lines.push(`    ${l.email.padEnd(28)} ${l.password}   ${l.role} of ${l.workspace}`);
    }
  }
  lines.push('  Ctrl-C stops.');
  process.stdout.write(`${lines.join('\n')}\n`);
  let signals = 0;
  const stop = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(130);
    process.stdout.write(`Texto: ${signal}: stopping (releasing claimed messages)…\n`);
    void product.stop().then(
      () => {
        process.stdout.write('Texto: stopped cleanly.\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`Texto: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
