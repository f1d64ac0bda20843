/**
 * The readable API reference: one self-contained HTML page (no script, no CDN) generated from
 * the OpenAPI document, so it can never disagree with it.
 */
type Json = Record<string, unknown>;

const escapeHtml = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const style = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
h2{border-bottom:1px solid #ddd;margin-top:2.5rem}section{margin:1.5rem 0;padding:.5rem 1rem;border:1px solid #e5e5e5;border-radius:6px}
code,pre{font:13px ui-monospace,monospace}pre{background:#f6f8fa;padding:.6rem;overflow:auto;max-height:22rem}
.m{display:inline-block;min-width:4.5em;font-weight:700;text-transform:uppercase}.get{color:#0a6}.post{color:#06c}.patch{color:#a60}.delete{color:#c22}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}nav a{margin-right:.8rem}`;

export function renderDocsPage(doc: Json): string {
  const info = doc.info as { title: string; version: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const operations = Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map((o) => (o.op.tags as string[])[0]!))];
  const body = tags.map((tag) => {
    const sections = operations
      .filter((o) => (o.op.tags as string[])[0] === tag)
      .map(({ path, method, op }) => renderOperation(path, method, op));
    return `<h2 id="${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${sections.join('')}`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title)} ${escapeHtml(info.version)}</title><style>${style}</style></head><body>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p>
<p>Authenticate with <code>Authorization: Bearer tx_…</code> (an API key) or the session cookie
from <code>POST /api/auth/login</code>; with the cookie, send <code>X-CSRF-Token</code> on every
POST, PATCH and DELETE. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<nav>${tags.map((t) => `<a href="#${escapeHtml(t)}">${escapeHtml(t)}</a>`).join('')}</nav>
${body.join('\n')}
</body></html>`;
}

function renderOperation(path: string, method: string, op: Json): string {
  const permission = op['x-permission'] as { resource: string; action: string } | undefined;
  const security = (op.security as unknown[]).length === 0 ? 'public' : 'API key or session';
  const parameters = (op.parameters ?? []) as Array<Json & { schema: Json }>;
  const request = (op.requestBody as { content: Record<string, { schema: Json }> } | undefined)
    ?.content['application/json']?.schema;
  const responses = Object.entries(op.responses as Record<string, Json>);
  const success = responses.find(([status]) => status.startsWith('2'));
  const successSchema = (success?.[1].content as Record<string, { schema: Json }> | undefined)?.[
    'application/json'
  ]?.schema;
  return `<section id="${escapeHtml(op.operationId)}">
<h3><span class="m ${escapeHtml(method)}">${escapeHtml(method)}</span><code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary)}</p>${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
<p><small>Auth: ${escapeHtml(security)}${permission ? ` · needs <code>${escapeHtml(permission.action)} ${escapeHtml(permission.resource)}</code>` : ''} · operationId <code>${escapeHtml(op.operationId)}</code></small></p>
${
  parameters.length > 0
    ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>schema</th></tr>${parameters
        .map(
          (p) =>
            `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td></tr>`,
        )
        .join('')}</table>`
    : ''
}
${request ? `<h4>Request body</h4><pre>${escapeHtml(JSON.stringify(request, null, 2))}</pre>` : ''}
${success && successSchema ? `<h4>Response ${escapeHtml(success[0])}</h4><pre>${escapeHtml(JSON.stringify(successSchema, null, 2))}</pre>` : ''}
<p><small>Errors: ${responses
    .filter(([s]) => !s.startsWith('2'))
    .map(([s]) => escapeHtml(s))
    .join(', ')} (see the Error schema)</small></p>
</section>`;
}
