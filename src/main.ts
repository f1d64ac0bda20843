import { createApp } from './app.ts';
import { loadConfig } from './config.ts';

/** Process entry of `npm start`. */
const app = createApp(loadConfig(process.env));
process.stdout.write('Texto: nothing to serve yet (the HTTP API arrives with its issue).\n');
process.stdout.write('Try: npx texto --help\n');
await app.close();
