import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from '../support/browser';
import { startDevStack, type DevStack } from '../support/dev-stack';

/** Screenshots of every step, kept as test artefacts (git-ignored). */
const ARTIFACTS = resolve(__dirname, '../../test-artifacts/board');
const DEMO = ['catalog', 'frontend', 'monitoring', 'payments', 'shop', 'users'];
const UI_TIMEOUT = 20_000;

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
  return locator;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('the board in headless Chromium against npm start', () => {
  let stack: DevStack;
  let browser: Browser;
  let page: Page;
  /** Console errors and uncaught exceptions of every page, checked at the end. */
  const problems: string[] = [];
  let step = 0;
  const shot = async (p: Page, name: string) => {
    step += 1;
    await p.screenshot({ path: join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const watch = (p: Page) => {
    p.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  };
  const api = async (path: string, token = stack.adminToken) => {
    const res = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const tab = (name: string) => page.getByRole('tab', { name: new RegExp(`^${name}\\b`) });
  const row = (p: Page, namespace: string) => p.locator(`table.recs tr[data-namespace="${namespace}"]`);

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    // Both at once: starting the browser is no reason to wait for the stack, or the reverse.
    [stack, browser] = await Promise.all([startDevStack(), launchChromium()]);
    page = await browser.context.newPage();
    watch(page);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('npm start prints the board URL, which logs in: the token moves to session storage and leaves the address bar', async () => {
    expect(stack.boardUrl).toBe(`${stack.baseUrl}/#token=${stack.adminToken}`);
    await page.goto(stack.boardUrl);
    for (const ns of DEMO) await visible(row(page, ns));
    expect(page.url()).toBe(`${stack.baseUrl}/`);
    expect(await page.evaluate("sessionStorage.getItem('policy-recommender.token')")).toBe(stack.adminToken);
    expect(await tab('Recommendations').textContent()).toContain(String(DEMO.length));
    for (const header of ['Namespace', 'Status', 'Last updated', 'Rules', 'Warnings']) await visible(page.getByRole('columnheader', { name: header }));
    await visible(page.getByRole('cell', { name: 'demo' }));
    await shot(page, 'board');
  });

  it('serves the page with a strict CSP, no-cache HTML and immutable hashed assets', async () => {
    const html = await fetch(`${stack.baseUrl}/`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const csp = html.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    const text = await html.text();
    expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(text)![1]!;
    const js = await fetch(`${stack.baseUrl}${script}`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('Add to policy board moves a namespace to Active, and the next push stages it with stagedAction: Set', async () => {
    await (await visible(page.getByRole('button', { name: 'Add to policy board: shop' }))).click();
    await visible(page.getByRole('status').filter({ hasText: 'shop: done' }));
    await tab('Active').click();
    await visible(row(page, 'shop'));
    expect(await tab('Active').textContent()).toContain('1');
    await shot(page, 'active');
    await stack.invoke('pushPolicies', { force: true });
    const manifest = await waitFor('the pushed manifest of shop', async () => {
      const text = await readFile(join(stack.stateDir, 'manifests/demo/shop.yaml'), 'utf8');
      return text.includes('stagedAction: Set') ? text : undefined;
    });
    expect(manifest).toContain('name: namespace-isolation.shop-recommendation');
  });

  it('Dismiss policy and Reactivate move a namespace to Dismissed and back', async () => {
    await tab('Recommendations').click();
    await (await visible(page.getByRole('button', { name: 'Dismiss policy: catalog' }))).click();
    await tab('Dismissed').click();
    await visible(row(page, 'catalog'));
    await shot(page, 'dismissed');
    await page.getByRole('button', { name: 'Reactivate: catalog' }).click();
    await visible(page.getByText('Nothing is dismissed.'));
    await tab('Recommendations').click();
    await visible(row(page, 'catalog'));
    const listed = (await api('/clusters/demo/recommendations/catalog')) as { tab: string };
    expect(listed.tab).toBe('recommendations');
  });

  it('bulk actions report a result per namespace', async () => {
    await page.getByRole('checkbox', { name: 'Select users' }).check();
    await page.getByRole('checkbox', { name: 'Select monitoring' }).check();
    await page.getByRole('button', { name: 'Dismiss policy (2)' }).click();
    const results = await visible(page.getByRole('status').filter({ hasText: 'users: done' }));
    expect(await results.textContent()).toContain('monitoring: done');
    await shot(page, 'bulk');
    await tab('Dismissed').click();
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: 'Reactivate (2)' }).click();
    await visible(page.getByText('Nothing is dismissed.'));
  });

  it('Global settings: a bad selector is shown at its field with its position; a new Processing interval is saved', async () => {
    await page.getByRole('button', { name: 'Global settings' }).click();
    const dialog = await visible(page.getByRole('dialog', { name: 'Global settings' }));
    const selector = dialog.getByLabel('Namespace selector');
    const original = await selector.inputValue();
    await selector.fill('a == ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const error = await visible(dialog.locator('#setting-selector-error'));
    expect(await error.textContent()).toMatch(/position \d+/);
    await shot(page, 'settings-error');
    // The refused request is the one console error this test expects.
    problems.splice(0, problems.length, ...problems.filter((p) => !/status of 400/.test(p)));
    await selector.fill(original);
    await dialog.getByLabel('Processing interval').fill('45s');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await visible(page.getByText('Global settings saved.'));
    expect(((await api('/clusters/demo/scope')) as { interval: string }).interval).toBe('45s');
  });

  it('the traffic map shows the demo namespaces, and a node opens its details with rules and YAML', async () => {
    const map = await visible(page.locator('svg.map'));
    for (const ns of DEMO) await visible(map.locator(`[data-node="${ns}"]`));
    await visible(map.locator('line.edge').first());
    await shot(page, 'traffic-map');
    await map.getByRole('button', { name: 'Open details of payments' }).click();
    const details = await visible(page.locator('section.details'));
    await visible(details.getByRole('heading', { name: 'Details: payments' }));
    await visible(details.getByRole('heading', { name: 'Domains' }));
    expect(await (await visible(details.getByLabel('YAML manifest'))).textContent()).toContain('kind: StagedNetworkPolicy');
    await shot(page, 'details');
    await details.getByRole('button', { name: 'Close details' }).click();
  });

  it('a viewer sees the board, but every action is disabled and says why', async () => {
    const viewer = await browser.context.newPage();
    watch(viewer);
    await viewer.goto(`${stack.baseUrl}/#token=${stack.viewerToken}`);
    await visible(row(viewer, 'frontend'));
    await visible(viewer.getByText('Read-only: your role is viewer', { exact: false }).first());
    const activate = viewer.getByRole('button', { name: 'Add to policy board: frontend' });
    expect(await activate.isDisabled()).toBe(true);
    expect(await activate.getAttribute('title')).toContain('viewer');
    await viewer.getByRole('button', { name: 'Global settings' }).click();
    const dialog = await visible(viewer.getByRole('dialog', { name: 'Global settings' }));
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Processing interval').isDisabled()).toBe(true);
    await shot(viewer, 'viewer');
    await viewer.close();
  });

  it('no page logged an error', () => {
    expect(problems).toEqual([]);
  });
});
