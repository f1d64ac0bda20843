import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { loadConfig } from '../config.ts';
import { openStore } from '../store/db.ts';
import { createApi } from './create-api.ts';
import { routes } from './routes.ts';

const store = openStore({ sqlitePath: ':memory:' });
after(() => store.close());
const api = createApi({ store, config: loadConfig({}), log: () => {} });

type Json = Record<string, unknown>;

function collectRefs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref') found.push(String(v));
      else collectRefs(v, found);
    }
  }
  return found;
}

test('the OpenAPI document is 3.1, lists every route of the table, and is well-formed', async () => {
  const res = await api.request('/api/openapi.json');
  assert.equal(res.status, 200);
  const doc = (await res.json()) as Json;
  assert.match(String(doc.openapi), /^3\.1\.\d+$/);
  const info = doc.info as Json;
  assert.equal(typeof info.title, 'string');
  assert.equal(typeof info.version, 'string');
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const components = doc.components as { schemas: Json; securitySchemes: Json };
  const ids = new Set<string>();
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const op = paths[path]?.[r.method];
    assert.ok(op, `${r.method} ${path} is documented`);
    assert.equal(op.operationId, r.id);
    assert.ok(!ids.has(r.id), `operationId ${r.id} is unique`);
    ids.add(r.id);
    assert.ok(typeof op.summary === 'string' && op.summary.length > 0);
    const params = (op.parameters ?? []) as Array<{ name: string; in: string; required: boolean }>;
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      const p = params.find((x) => x.name === name && x.in === 'path');
      assert.ok(p?.required, `${r.id}: path parameter ${name} declared and required`);
    }
    for (const p of params) assert.ok(['path', 'query'].includes(p.in));
    const responses = op.responses as Record<string, Json>;
    assert.ok(
      Object.keys(responses).some((s) => /^2\d\d$/.test(s)),
      `${r.id}: a 2xx response`,
    );
    for (const [status, response] of Object.entries(responses)) {
      assert.match(status, /^[1-5]\d\d$/);
      assert.equal(typeof response.description, 'string');
    }
    for (const requirement of op.security as Json[]) {
      for (const scheme of Object.keys(requirement))
        assert.ok(scheme in components.securitySchemes);
    }
    if (r.operation.auth !== 'public') assert.ok(responses['401'] && responses['403']);
    if (r.operation.body) assert.ok((op.requestBody as Json).content);
  }
  const documented = Object.values(paths).reduce(
    (n, methods) => n + Object.keys(methods).length,
    0,
  );
  assert.equal(documented, routes.length, 'no route is documented that the table lacks');
  for (const ref of collectRefs(doc)) {
    const name = ref.replace('#/components/schemas/', '');
    assert.notEqual(name, ref, `${ref} points into components`);
    assert.ok(name in components.schemas, `${ref} resolves`);
  }
  const text = JSON.stringify(doc);
  assert.equal(text.includes('"$schema"'), false);
  assert.equal(text.includes('$defs'), false);
  const error = components.schemas.Error as { properties: { error: { required: string[] } } };
  assert.deepEqual(error.properties.error.required.sort(), ['code', 'message']);
});

test('/api/docs is a self-contained HTML reference of every operation', async () => {
  const res = await api.request('/api/docs');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const html = await res.text();
  assert.match(html, /^<!doctype html>/);
  for (const r of routes) {
    assert.ok(html.includes(`id="${r.id}"`), `${r.id} has a section`);
    assert.ok(html.includes(r.path.replace(/:(\w+)/g, '{$1}')), `${r.path} is shown`);
  }
  assert.equal(/<script|<link|src=|https?:\/\//i.test(html), false, 'no script, no external asset');
});
