import type { Browser, Page } from 'puppeteer-core';
import { generateEmployees } from '../../scripts/lib/generate-employees';
import type { RunResult } from '../../workflows/employees/types';
import { CONNECTION } from '../support/sync-harness';
import { TEST_NAMESPACE } from '../support/test-env';
import { launchChromium, startUiStack, type UiStack } from '../support/browser/temporal-ui';

/**
 * What support staff see: a real employee sync with encrypted payloads on a Temporal dev server with its own UI
 * (2.5x), opened in headless Debian Chromium, decoded through our real codec endpoint. Screenshots go to /tmp.
 * Every check reads the UI's own rendering and looks for values that exist only in the decrypted payloads (JSON keys
 * of the input, result and query result; the summary's text), so it cannot pass while the UI shows "Encrypted" or
 * base64 — the last test shows the same checks failing with the codec endpoint down.
 */
const STEP_MS = 30000;

/** The little of the DOM the in-page functions use (the project compiles without the DOM library). */
interface PageElement {
  textContent: string | null;
  innerText: string;
  value?: string;
  click(): void;
}
interface PageWindow {
  document: { body: PageElement | null; querySelector(s: string): PageElement | null; querySelectorAll(s: string): ArrayLike<PageElement> };
}
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/xsync-ui-${name}.png`, fullPage: true });

/** The text of a CodeMirror block the UI renders JSON in (line by line, as shown). */
const codeText = (page: Page, selector: string) => page.$$eval(`${selector} .cm-line`, (lines) => lines.map((l) => l.textContent ?? '').join('\n'));

async function waitForText(page: Page, selector: string, needle: string, name: string): Promise<string> {
  try {
    await page.waitForFunction(
      (s, n) => Array.from((globalThis as unknown as PageWindow).document.querySelectorAll(s)).some((e) => (e.textContent ?? '').includes(n)),
      { timeout: STEP_MS },
      selector,
      needle,
    );
  } catch {
    await shot(page, `${name}-failed`);
    const seen = await page.$$eval(selector, (els) => els.map((e) => e.textContent ?? '').join(' | ')).catch(() => '(nothing)');
    throw new Error(
      `Temporal UI did not show "${needle}" in ${selector} within ${STEP_MS / 1000}s (screenshot /tmp/xsync-ui-${name}-failed.png); it showed: ${seen.slice(0, 600)}`,
    );
  }
  return page.$$eval(selector, (els) => els.map((e) => e.textContent ?? '').join('\n'));
}

/** What the page shows, iframes included (the UI renders a run's summary and details as markdown in sandboxed iframes). */
async function pageText(page: Page): Promise<string> {
  const texts = await Promise.all(
    page.frames().map((f) => f.evaluate(() => (globalThis as unknown as PageWindow).document.body?.innerText ?? '').catch(() => '')),
  );
  return texts.join('\n');
}

async function waitForPageText(page: Page, needles: string[], name: string): Promise<string> {
  const deadline = Date.now() + STEP_MS;
  let text = '';
  while (Date.now() < deadline) {
    text = await pageText(page);
    if (needles.every((n) => text.includes(n))) return text;
    await new Promise((r) => setTimeout(r, 250));
  }
  await shot(page, `${name}-failed`);
  throw new Error(
    `Temporal UI did not show ${needles.map((n) => `"${n}"`).join(', ')} within ${STEP_MS / 1000}s (screenshot /tmp/xsync-ui-${name}-failed.png)`,
  );
}

describe('Temporal UI shows a run decoded through the codec endpoint (real Chromium, the dev server UI, our codec endpoint)', () => {
  let ui: UiStack;
  let browser: Browser;
  let page: Page;
  let result: RunResult;
  /** Requests the browser itself made to the codec endpoint (method, URL, Origin): the UI's server makes none. */
  const browserCodecCalls: Array<{ method: string; url: string; origin?: string }> = [];
  const blocked: string[] = [];

  async function openPage(): Promise<Page> {
    const p = await browser.newPage();
    await p.setRequestInterception(true);
    p.on('request', (r) => {
      const url = new URL(r.url());
      if (r.url().startsWith(ui.codec.url)) browserCodecCalls.push({ method: r.method(), url: r.url(), origin: r.headers().origin });
      // Only this machine: the UI also asks an internet news feed, which must not leave the sandbox.
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return void r.continue();
      blocked.push(r.url());
      return void r.abort();
    });
    return p;
  }

  const runPath = () => `${ui.uiUrl}/namespaces/${TEST_NAMESPACE}/workflows/${encodeURIComponent(result.runId)}`;

  beforeAll(async () => {
    // Chromium first: without it the test fails here, loudly, before anything else is started.
    browser = await launchChromium();
    ui = await startUiStack({ createInXledger: 'auto', createInHr: 'ask' });
    await ui.h.seedHr(generateEmployees(3, { seed: 11, today: '2026-11-23' }));
    result = await ui.h.cliJson<RunResult>('sync', 'start', '--connection', CONNECTION, '--wait');
    expect(result).toMatchObject({ status: 'OK', counts: { created: 3 } });
    page = await openPage();
  }, 240000);
  afterAll(async () => {
    await browser?.close();
    await ui?.stop();
  });

  it("shows the run's input and result decoded", async () => {
    await page.goto(runPath(), { waitUntil: 'domcontentloaded' });
    await waitForText(page, '[aria-label="Input"]', '"connectionName"', 'input');
    await waitForText(page, '[aria-label="Result"]', '"status"', 'result');
    await shot(page, 'run');
    expect(JSON.parse(await codeText(page, '[aria-label="Input"]'))).toEqual({
      runId: result.runId,
      connectionName: CONNECTION,
      trigger: 'manual',
      dryRun: false,
    });
    const shown = await codeText(page, '[aria-label="Result"]');
    expect(shown).toContain(`"runId": "${result.runId}"`);
    expect(shown).toContain('"status": "OK"');
    expect(shown).toMatch(/"counts": \{\s*"created": 3,/);
    const block = await page.$eval('[data-testid="input-and-result"]', (e) => (e as unknown as PageElement).innerText);
    expect(block).not.toMatch(/encrypted|YmluYXJ5L2VuY3J5cHRlZA|binary\//i);
    expect(await pageText(page)).not.toContain('Codec Server could not connect');
  });

  it('shows the summary, details and current details decoded', async () => {
    await page.click('[data-testid="user-metadata-tab"]');
    const text = await waitForPageText(page, [`Employee sync of`, 'Phase: done'], 'user-metadata');
    await shot(page, 'user-metadata');
    expect(text).toMatch(new RegExp(`Employee sync of .${CONNECTION}.`));
    expect(text).toContain(`Connection ${CONNECTION}, Xledger owner entity 1000, started by an admin (CLI).`);
    expect(text).toContain('Plan: 3 employees (HR 3, Xledger 0), 0 decision(s) needed');
    expect(text).toMatch(/Status: OK/);
  });

  it('lists the queries and shows a query result decoded', async () => {
    await page.click('[data-testid="queries-tab"]');
    // The query list itself comes from the __temporal_workflow_metadata query, whose answer is encrypted too.
    await page.waitForSelector('[data-testid="query-select-button"]', { timeout: STEP_MS });
    await page.click('[data-testid="query-select-button"]');
    await waitForText(page, '#query-select-select li', 'progress', 'query-list');
    // DOM clicks: the menu animates open, so a click at coordinates can land on its neighbour.
    const option = await page.waitForSelector('::-p-xpath(//ul[@id="query-select-select"]//li[.//span[normalize-space(.)="progress"]])', { timeout: STEP_MS });
    await option!.evaluate((li) => (li as unknown as PageElement).click());
    await page.waitForFunction(() => (globalThis as unknown as PageWindow).document.querySelector('#query-select')?.value === 'progress', { timeout: STEP_MS });
    const run = await page.waitForSelector('::-p-xpath(//button[normalize-space(.)="Run Query"])', { timeout: STEP_MS });
    await run!.evaluate((b) => (b as unknown as PageElement).click());
    const shown = await waitForText(page, '[data-testid="query-result"]', '"phase"', 'query');
    await shot(page, 'query');
    expect(shown).toContain(`"runId": "${result.runId}"`);
    expect(shown).toContain(`"connectionName": "${CONNECTION}"`);
    expect(shown).toContain('"phase": "done"');
    expect(shown).not.toMatch(/encrypted|YmluYXJ5L2VuY3J5cHRlZA/i);
  });

  it('the browser called the codec endpoint as Temporal UI does, and the endpoint logged each request and audited the decodes', () => {
    const decodeUrl = `${ui.codec.url}/decode?preserveStorageRefs=true`;
    expect(browserCodecCalls.length).toBeGreaterThan(2);
    expect(new Set(browserCodecCalls.map((c) => c.url))).toEqual(new Set([decodeUrl]));
    const requests = ui.codecLog.filter((l) => l.msg.startsWith('codec request'));
    expect(requests.find((l) => l.method === 'OPTIONS')).toMatchObject({ path: '/decode', query: '?preserveStorageRefs=true', origin: ui.uiUrl, status: 204 });
    const posts = requests.filter((l) => l.method === 'POST');
    expect(posts.length).toBeGreaterThan(2);
    for (const p of posts)
      expect(p).toMatchObject({ path: '/decode', query: '?preserveStorageRefs=true', origin: ui.uiUrl, status: 200, payloads: expect.any(Number) });
    expect(requests.filter((l) => Number(l.status) >= 400)).toEqual([]);
    const audits = ui.codecLog.filter((l) => l.audit === 'decode');
    expect(audits.length).toBe(posts.length);
    // Temporal UI sends no workflow id, and the browser sends only the UI's origin as Referer: the audit says so.
    for (const a of audits) expect(a).toMatchObject({ origin: ui.uiUrl, namespace: TEST_NAMESPACE, subject: null, workflow: null });
    expect(JSON.stringify(ui.codecLog)).not.toContain(result.runId);
    expect(blocked.every((u) => !u.startsWith('http://127.0.0.1'))).toBe(true);
  });

  it('the same checks fail when the codec endpoint is down: the UI then shows the payloads encrypted', async () => {
    await ui.codec.close();
    const p = await openPage();
    try {
      await p.goto(runPath(), { waitUntil: 'domcontentloaded' });
      await p.waitForSelector('[aria-label="Input"] .cm-line', { timeout: STEP_MS });
      await new Promise((r) => setTimeout(r, 2000));
      await shot(p, 'codec-down');
      const input = await codeText(p, '[aria-label="Input"]');
      expect(input).not.toContain('"connectionName"');
      expect(input).not.toContain(CONNECTION);
      // What staff saw before this fix: the encrypted bytes as a base64 string.
      expect(input.trim()).toMatch(/^"[A-Za-z0-9+/]{40,}={0,2}"$/);
      expect(await pageText(p)).toContain('Codec Server could not connect');
    } finally {
      await p.close();
    }
  });
});
