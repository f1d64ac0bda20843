import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { checkImports } from './check-imports.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'texto-imports-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

test('the project itself follows the layer rules', () => {
  assert.deepEqual(checkImports(process.cwd()), []);
});

test('core importing the store or an I/O module is reported', () => {
  const root = tree({
    'src/core/a.ts':
      "import { db } from '../store/db.ts';\nimport { readFileSync } from 'node:fs';\n",
    'src/store/db.ts': 'export const db = 1;\n',
  });
  const problems = checkImports(root);
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /core may not import store/);
  assert.match(problems[1]!, /node:fs/);
});

test('the CLI may use core types but not core values', () => {
  const root = tree({
    'src/cli/x.ts':
      "import type { A } from '../core/a.ts';\nimport { b } from '../core/a.ts';\nimport { s } from '../services/s.ts';\n",
  });
  const problems = checkImports(root);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!, /cli may not import core except as `import type`/);
});
