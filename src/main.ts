import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

/** Process entry of `npm start`: migrates the database; the API arrives with its issue. */
const app = createApp(loadConfig(process.env));
await app.store();
process.stdout.write(`Texto: database ready in ${app.config.databaseUrl ?? app.config.dataDir}.\n`);
process.stdout.write('Nothing to serve yet (the HTTP API arrives with its issue). Try: npx texto --help\n');
await app.close();
