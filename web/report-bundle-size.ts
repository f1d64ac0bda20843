/**
 * Prints the gzipped size of the initial bundle (every script, stylesheet and modulepreload
 * that web/dist/index.html loads) and fails above the 250 kB budget of issue 10.
 * Run after `vite build` (npm run build:web does both).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const initialBudgetBytes = 250_000;

export function measureInitialBundle(distDir: string): {
  files: { path: string; gzipBytes: number }[];
  totalGzipBytes: number;
} {
  const html = readFileSync(join(distDir, 'index.html'));
  const refs = [...html.toString('utf8').matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  const files = [{ path: '/index.html', gzipBytes: gzipSync(html, { level: 9 }).length }];
  for (const ref of new Set(refs)) {
    files.push({
      path: ref,
      gzipBytes: gzipSync(readFileSync(join(distDir, ref)), { level: 9 }).length,
    });
  }
  return { files, totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = fileURLToPath(new URL('./dist', import.meta.url));
  const { files, totalGzipBytes } = measureInitialBundle(dist);
  for (const f of files) console.log(`  ${f.path}  ${(f.gzipBytes / 1000).toFixed(1)} kB gzip`);
  const verdict = totalGzipBytes <= initialBudgetBytes ? 'ok' : 'OVER BUDGET';
  console.log(
    `initial bundle: ${(totalGzipBytes / 1000).toFixed(1)} kB gzipped ` +
      `(budget ${initialBudgetBytes / 1000} kB, ${((100 * totalGzipBytes) / initialBudgetBytes).toFixed(0)}% used): ${verdict}`,
  );
  if (totalGzipBytes > initialBudgetBytes) process.exit(1);
}
