/**
 * The layer import rules of docs/architecture.md, checked in `npm test`:
 * core imports nothing of ours and no I/O; store -> core; transports -> core; services -> core,
 * store; dispatch -> core, store, transports; api and cli -> services (core and config as
 * types only); only app.ts wires. web may import the pure core and nothing else of src.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

type Layer =
  | 'core'
  | 'store'
  | 'transports'
  | 'services'
  | 'dispatch'
  | 'api'
  | 'cli'
  | 'config'
  | 'app'
  | 'main'
  | 'web'
  | 'other';

const allowed: Record<Layer, { value: Layer[]; typeOnly: Layer[] }> = {
  core: { value: ['core'], typeOnly: [] },
  store: { value: ['core', 'store'], typeOnly: [] },
  transports: { value: ['core', 'transports'], typeOnly: [] },
  services: { value: ['core', 'store', 'services', 'transports'], typeOnly: ['config'] },
  dispatch: { value: ['core', 'store', 'transports', 'dispatch'], typeOnly: ['config'] },
  api: { value: ['services', 'api'], typeOnly: ['core', 'config', 'app'] },
  cli: { value: ['services', 'cli'], typeOnly: ['core', 'config', 'app'] },
  config: { value: ['core'], typeOnly: [] },
  app: {
    value: ['core', 'store', 'services', 'dispatch', 'transports', 'api', 'config', 'app'],
    typeOnly: [],
  },
  main: { value: ['app', 'config', 'api', 'cli', 'core'], typeOnly: [] },
  web: { value: ['core', 'web'], typeOnly: ['api'] },
  other: { value: [], typeOnly: [] },
};

/** Modules core may use: pure libraries only, never the network, the disk or the clock's owner. */
const corePackages = new Set(['zod', 'libphonenumber-js', 'date-holidays', 'node:crypto']);
/** The CLI entry, the test files and the browser tests' kit may wire the app for themselves. */
const testLayers: Layer[] = [
  'core',
  'store',
  'services',
  'dispatch',
  'transports',
  'api',
  'cli',
  'app',
  'config',
];
const entryExceptions: Array<[RegExp, Layer[]]> = [
  [/^src\/cli\/main\.ts$/, ['app', 'config', 'core']],
  [/\.test\.tsx?$/, testLayers],
  [/^web\/src\/e2e\/e2e-kit\.ts$/, testLayers],
];

function layerOf(file: string): Layer {
  if (file.startsWith('web/')) return 'web';
  const m = /^src\/([^/]+)/.exec(file);
  if (!m) return 'other';
  const top = m[1]!.replace(/\.tsx?$/, '');
  return (
    (
      [
        'core',
        'store',
        'transports',
        'services',
        'dispatch',
        'api',
        'cli',
        'config',
        'app',
        'main',
      ] as const
    ).find((l) => l === top) ?? 'other'
  );
}

function listFiles(dir: string): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'dist'].includes(e.name) ? [] : listFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const importPattern =
  /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

export function checkImports(root: string): string[] {
  const problems: string[] = [];
  for (const abs of [...listFiles(join(root, 'src')), ...listFiles(join(root, 'web/src'))]) {
    const file = relative(root, abs);
    const layer = layerOf(file);
    const source = readFileSync(abs, 'utf8');
    for (const m of source.matchAll(importPattern)) {
      const typeOnly = Boolean(m[2]);
      const spec = m[3] ?? m[4]!;
      if (!spec.startsWith('.')) {
        const isTest = /\.test\.tsx?$/.test(file);
        const pure = corePackages.has(spec) || spec.startsWith('libphonenumber-js/');
        if (layer === 'core' && !pure && !isTest) {
          problems.push(`${file}: core may not import '${spec}' (pure domain, no I/O)`);
        }
        continue;
      }
      const targetFile = relative(root, resolve(dirname(abs), spec));
      // The one error type is shared by every layer.
      if (targetFile === 'src/core/domain-error.ts') continue;
      const target = layerOf(targetFile);
      const rule = allowed[layer];
      const exception = entryExceptions.find(([re]) => re.test(file));
      const ok =
        rule.value.includes(target) ||
        (typeOnly && rule.typeOnly.includes(target)) ||
        (exception?.[1].includes(target) ?? false);
      if (!ok) {
        const how = rule.typeOnly.includes(target) ? ' except as `import type`' : '';
        problems.push(`${file}: ${layer} may not import ${target}${how} ('${spec}')`);
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = checkImports(process.cwd());
  for (const p of problems) console.error(`import rule: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log('import rules: ok');
}
