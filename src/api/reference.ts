import { z } from 'zod';
import { renderDocsPage } from './docs-page.ts';
import { defineOperation } from './operation.ts';

export const getOpenApi = defineOperation({
  summary: 'This API as an OpenAPI 3.1 document',
  tag: 'meta',
  auth: 'public',
  response: z.record(z.string(), z.unknown()),
  handle: async ({ deps }) => deps.openapi(),
});

let page: { doc: object; html: string } | undefined;

export const getDocs = defineOperation({
  summary: 'This API as a readable HTML reference',
  tag: 'meta',
  auth: 'public',
  contentType: 'text/html',
  response: z.string(),
  async handle({ deps, c }) {
    const doc = deps.openapi();
    if (page?.doc !== doc) page = { doc, html: renderDocsPage(doc) };
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    return c.html(page.html);
  },
});
