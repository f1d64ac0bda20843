/**
 * What every browser test file shares: playwright-core drives Debian's /usr/bin/chromium (never a
 * downloaded browser) against the real API and the UI built from the current sources, served
 * in-process on an ephemeral loopback port with a temporary SQLite data dir and the demo seed.
 * `startE2eSuite()` registers the file's before/after hooks and returns the session helpers.
 * Screenshots go to artifacts/screenshots/. Without Chromium, `skip` says why.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningProduct, startProduct } from '../../../src/app/start-product.ts';
import { loadConfig } from '../../../src/config.ts';

const chromiumPath = '/usr/bin/chromium';
export const skip = existsSync(chromiumPath)
  ? false
  : `browser tests SKIPPED: ${chromiumPath} is absent (install it with scripts/ci-install-chromium.sh)`;
if (skip) process.stderr.write(`# ${skip}\n`);

const repo = fileURLToPath(new URL('../../../', import.meta.url));
/** Screenshots are kept as CI artefacts. */
export const shots = join(repo, 'artifacts/screenshots');
const password = 'texto-e2e-password';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
export type Call = (method: string, path: string, body?: unknown) => Promise<any>;

export interface E2eOptions {
  readonly listSize?: number;
  readonly ownContacts?: number;
}

/** Starts the product and the browser for this test file; the getters work inside tests. */
export function startE2eSuite(options: E2eOptions = {}) {
  let tmp = '';
  let product: RunningProduct;
  let browser: Browser;
  let marketer = '';
  let provider = '';
  let dist = '';

  before(async () => {
    // Build the UI from the current sources (not a stale web/dist), with or without a browser.
    tmp = mkdtempSync(join(tmpdir(), 'texto-e2e-'));
    const { build } = await import('vite');
    dist = join(tmp, 'dist');
    await build({
      configFile: join(repo, 'web/vite.config.ts'),
      build: { outDir: dist, emptyOutDir: true },
      logLevel: 'error',
    });
    if (skip) return;
    mkdirSync(shots, { recursive: true });
    const config = loadConfig({ TEXTO_DATA_DIR: join(tmp, 'data'), TEXTO_STOP_CODE: '36180' });
    product = await startProduct(config, {
      host: '127.0.0.1',
      port: 0,
      seed: {
        password,
        listSize: options.listSize ?? 400,
        ownContacts: options.ownContacts ?? 150,
      },
      webDist: dist,
      log: () => {},
      requestLog: () => {},
    });
    const login = (workspace: string) =>
      product.logins.find((l) => l.workspace === workspace && l.role === 'owner')!.email;
    marketer = login('Meubles Dupont');
    provider = login('OptIn France');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  after(async () => {
    await browser?.close();
    await product?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const apiSessions = new Map<string, Promise<Call>>();

  /** The API as a logged-in user, from the test itself (to set up or cross-check what the UI shows). */
  function apiAs(email: string): Promise<Call> {
    let call = apiSessions.get(email);
    if (!call) {
      call = logInApi(email);
      apiSessions.set(email, call);
    }
    return call;
  }

  async function logInApi(email: string): Promise<Call> {
    const res = await fetch(`${product.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(res.status, 200);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
    return async (method: string, path: string, body?: unknown): Promise<any> => {
      const r = await fetch(`${product.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const json = await r.json();
      assert.ok(r.ok, JSON.stringify(json));
      return json;
    };
  }

  async function workspaceId(name: string, email = marketer): Promise<string> {
    const me = await (await apiAs(email))('GET', '/api/me');
    return me.workspaces.find((w: { name: string }) => w.name === name).id;
  }

  async function newPage(lang: 'fr' | 'en' = 'fr'): Promise<Page> {
    const context = await browser.newContext({
      locale: lang,
      viewport: { width: 1200, height: 900 },
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    return page;
  }

  /**
   * Signs in through the form once per user, then reuses that session's cookies: the login rate
   * limit (10 attempts per address) would otherwise slow the later journeys down.
   */
  const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

  async function signIn(page: Page, email = marketer) {
    const saved = sessions.get(email);
    if (saved) {
      await page.context().addCookies(saved.cookies);
      await page.goto(product.url);
      await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
      return;
    }
    await page.goto(product.url);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    sessions.set(email, await page.context().storageState());
  }

  return {
    get url() {
      return product.url;
    },
    get product() {
      return product;
    },
    get marketer() {
      return marketer;
    },
    get provider() {
      return provider;
    },
    get dist() {
      return dist;
    },
    /** A scratch directory removed after the file's tests (files to upload, downloads). */
    get tmp() {
      return tmp;
    },
    password,
    apiAs,
    workspaceId,
    newPage,
    signIn,
    /** Remembers a session signed in some other way (e.g. by the keyboard test). */
    rememberSession: async (email: string, page: Page) =>
      sessions.set(email, await page.context().storageState()),
  };
}

/** Every form control on the page has a label a screen reader announces. */
export async function assertLabelled(page: Page, where: string) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => {
        const c = el as HTMLInputElement;
        return !(
          c.labels?.length ||
          c.getAttribute('aria-label') ||
          c.getAttribute('aria-labelledby')
        );
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], `unlabelled controls on ${where}`);
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
