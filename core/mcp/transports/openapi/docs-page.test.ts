// /docs in a real browser (Debian's Chromium): Swagger UI renders every operation, a user authorizes with
// a client token and runs a tool from the page, nothing is requested from outside this server, and the
// strict CSP is never violated. Skips itself, saying why, where Chromium is missing.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_TOOLS } from '../../testing/fixture-tools.js';
import { createMcpServer, type McpServer } from '../../server/server.js';
import { stubContextFor } from '../../testing/stub-context.js';
import { DOCS_CONTENT_SECURITY_POLICY } from './docs-page.js';
import { startOpenApiEndpoint, type OpenApiEndpoint } from './testing/openapi-endpoint.js';

const CHROMIUM = '/usr/bin/chromium';
const NO_BROWSER = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing: run scripts/ensure-system-deps.sh (Debian) to install chromium`;
if (NO_BROWSER) console.warn(`docs-page.test.ts skipped: ${NO_BROWSER}`);

describe.skipIf(NO_BROWSER !== undefined)('/docs in Chromium', () => {
  let mcp: McpServer;
  let api: OpenApiEndpoint;
  let browser: Browser;
  beforeAll(async () => {
    mcp = createMcpServer({ tools: HTTP_TOOLS, contextFor: stubContextFor });
    api = await startOpenApiEndpoint(mcp);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await mcp?.close();
  });

  it('serves its page under the strict CSP', async () => {
    const res = await fetch(`${api.http.origin}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect(await res.text()).not.toMatch(/<script>|<style>| on\w+=/);
  });

  it('renders every tool and runs one with a token, with no outside request and no CSP violation', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const outside: string[] = [];
    const violations: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${api.http.origin}/`)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    try {
      await page.goto(`${api.http.origin}/docs`);
      await page.locator('.opblock').first().waitFor();
      expect(await page.locator('.opblock').count()).toBe(HTTP_TOOLS.length);

      await page.locator('.auth-wrapper .authorize').click();
      await page.locator('.modal-ux input').fill(api.writeToken);
      await page.locator('.modal-ux .auth-btn-wrapper .authorize').click();
      await page.locator('.modal-ux .btn-done').click();

      const op = page.locator('#operations-system-get_echo');
      await op.locator('.opblock-summary').click();
      await op.locator('.opblock-section-request-body textarea').fill('{"text":"from the docs page"}');
      await op.locator('.execute').click();
      const live = op.locator('.live-responses-table');
      await live.locator('.response-col_status', { hasText: '200' }).waitFor();
      expect(await live.innerText()).toContain('from the docs page');

      expect(outside).toEqual([]);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
