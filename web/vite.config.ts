import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web UI build: web/index.html -> web/dist (served by `npm start`). In development
 * (`npx vite --config web/vite.config.ts`) /api goes to the API on TEXTO_API_URL or :8080.
 */
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: {
    // The composer imports the pure core from ../src/core.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': process.env.TEXTO_API_URL ?? 'http://127.0.0.1:8080' },
  },
});
