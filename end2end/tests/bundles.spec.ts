import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';

/**
 * Issue #18: each role's first page loads only its bundle. The suite measures the bytes actually
 * sent (brotli, headers included) on a first visit with an empty cache, prints them beside the
 * hello-world Leptos CSR baseline built with the same profile (`dist/first-load.json`), and fails
 * when a budget is exceeded. The expert's tablet installs (manifest, service worker caching exactly
 * its bundle) and opens offline; on an emulated "Fast 3G" link its scoring page is usable in 3 s.
 */
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'Demo-2026-studio';
const KIB = 1024;

/** Budgets of issue #18, in KiB on the wire. */
const BUDGETS = { tablet: 300, applicant: 350, office: 450, public: 260 } as const;

/** What `cargo xtask build` measured from the files (brotli), per bundle and for the baseline. */
function built(): Record<string, number> {
  const dist = process.env.E2E_DIST;
  if (!dist) return {};
  try {
    return JSON.parse(readFileSync(join(dist, 'first-load.json'), 'utf8'));
  } catch {
    return {};
  }
}

async function signIn(context: BrowserContext, username: string) {
  const r = await context.request.post('/api/auth/login', { data: { username, password: PASSWORD } });
  expect(r.status(), `sign-in of ${username}`).toBe(200);
}

/** A panel expert.zhang scores and that is still open. */
async function zhangsPanel(context: BrowserContext): Promise<number> {
  const r = await context.request.get('/api/panels');
  const panels = (await r.json()) as Array<{ id: number; i_score: boolean; state: string }>;
  const open = panels.find((p) => p.i_score && p.state !== 'closed');
  expect(open, 'the demo has a panel expert.zhang scores').toBeTruthy();
  return open!.id;
}

/** Counts what reaches the page over the network (not the API), bytes as received. */
async function onTheWire(page: Page): Promise<{ cdp: CDPSession; total: () => number; files: () => string[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, string>();
  const seen: Array<[string, number]> = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) ?? '';
    if (url && !new URL(url).pathname.startsWith('/api/')) seen.push([new URL(url).pathname, e.encodedDataLength]);
  });
  return {
    cdp,
    total: () => seen.reduce((s, [, n]) => s + n, 0),
    files: () => seen.map(([p, n]) => `${p} ${n}`),
  };
}

async function firstLoad(
  browser: Browser,
  baseURL: string,
  who: string | null,
  path: (context: BrowserContext) => Promise<string>,
  ready: (page: Page) => Promise<void>,
): Promise<{ bytes: number; files: string[] }> {
  // No service worker: the tablet's installs its bundle in the background, which is not the
  // page's first load.
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  if (who) await signIn(context, who);
  const target = await path(context);
  const page = await context.newPage();
  const wire = await onTheWire(page);
  await page.goto(target);
  await page.waitForSelector('body[data-ready="true"]');
  await ready(page);
  await page.waitForLoadState('networkidle');
  const out = { bytes: wire.total(), files: wire.files() };
  await context.close();
  return out;
}

test('Each role\'s first page loads only its bundle, within its budget on the wire', async ({ browser, baseURL }, info) => {
  test.skip(info.project.name !== 'desktop', 'bytes do not depend on the viewport');
  test.setTimeout(120_000);
  const base = baseURL!;
  const loads = {
    public: await firstLoad(browser, base, null, async () => '/self-check', async (p) => {
      await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
    }),
    tablet: await firstLoad(browser, base, 'expert.zhang', async (c) => `/scoring/${await zhangsPanel(c)}`, async (p) => {
      await expect(p.getByTestId('sheet')).toBeVisible();
    }),
    applicant: await firstLoad(browser, base, 'gy.jigong', async () => '/applications/new', async (p) => {
      await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
    }),
    office: await firstLoad(browser, base, 'hrss', async () => '/home', async (p) => {
      await expect(p.getByTestId('home-title')).toBeVisible();
    }),
  };
  const files = built();
  const baseline = files.baseline;
  const bundleOf = { public: 'public', tablet: 'tablet', applicant: 'applicant', office: 'app' } as const;
  for (const [role, load] of Object.entries(loads) as Array<[keyof typeof BUDGETS, { bytes: number; files: string[] }]>) {
    const fromFiles = files[bundleOf[role]];
    const line = `first-load ${role}: ${(load.bytes / KIB).toFixed(1)} KiB on the wire (budget ${BUDGETS[role]} KiB; `
      + `files ${fromFiles ? (fromFiles / KIB).toFixed(1) : '?'} KiB brotli; hello-world Leptos baseline `
      + `${baseline ? (baseline / KIB).toFixed(1) : '?'} KiB)`;
    console.log(line);
    info.annotations.push({ type: 'first-load', description: line });
  }
  // Only its own bundle: no other wasm reaches a role's first page.
  const wasm = (l: { files: string[] }) => l.files.filter((f) => f.includes('_bg.wasm')).map((f) => f.split(' ')[0]);
  expect(wasm(loads.public)).toEqual(['/public_bg.wasm']);
  expect(wasm(loads.tablet)).toEqual(['/tablet_bg.wasm']);
  expect(wasm(loads.applicant)).toEqual(['/applicant_bg.wasm']);
  expect(wasm(loads.office)).toEqual(['/app_bg.wasm']);
  for (const role of Object.keys(BUDGETS) as Array<keyof typeof BUDGETS>) {
    expect(loads[role].bytes, `${role}: ${loads[role].files.join(', ')}`).toBeLessThanOrEqual(BUDGETS[role] * KIB);
  }
});

test('The tablet installs as an app whose service worker keeps exactly its bundle, and opens offline', async ({ browser, baseURL }, info) => {
  test.skip(info.project.name !== 'tablet', 'the tablet runs on the iPad profile');
  test.setTimeout(90_000);
  const context = await browser.newContext({ ...info.project.use, baseURL });
  await signIn(context, 'expert.zhang');
  const panel = await zhangsPanel(context);
  const page = await context.newPage();
  await page.goto('/scoring');
  await page.waitForSelector('body[data-ready="true"]');
  await expect(page.getByTestId('tablet-panel').first()).toBeVisible();

  // Installable: the manifest parses and names a standalone app on /scoring with its icons.
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  expect(manifest.errors, JSON.stringify(manifest.errors)).toEqual([]);
  const m = JSON.parse(manifest.data ?? '{}');
  expect(m).toMatchObject({ start_url: '/scoring', scope: '/scoring', display: 'standalone', orientation: 'any' });
  const installability = await cdp.send('Page.getInstallabilityErrors');
  // A Playwright context is incognito-like; every other reason would be ours.
  const errors = installability.installabilityErrors.map((e) => e.errorId).filter((e) => e !== 'in-incognito');
  expect(errors, JSON.stringify(installability)).toEqual([]);

  // Installed: the worker is active and caches the tablet's bundle, nothing else.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('studio-tablet-'))!);
    return (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
  });
  expect(cached).toEqual([
    '/favicon.svg', '/icon-192.png', '/icon-512.png', '/style.css',
    '/tablet.html', '/tablet.js', '/tablet.webmanifest', '/tablet_bg.wasm',
  ]);

  // Offline after the install: the scoring page opens from the installed bundle.
  await page.goto(`/scoring/${panel}`);
  await expect(page.getByTestId('sheet')).toBeVisible();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('sheet')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toBeVisible();
  await context.setOffline(false);
  await context.close();
});

test('On a "Fast 3G" link the scoring page is usable within 3 s', async ({ browser, baseURL }, info) => {
  test.skip(info.project.name !== 'tablet', 'the tablet runs on the iPad profile');
  test.skip(!!process.env.E2E_DAY, 'timing figures are read on the real clock');
  test.setTimeout(90_000);
  const context = await browser.newContext({ ...info.project.use, baseURL });
  await signIn(context, 'expert.zhang');
  const panel = await zhangsPanel(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // Chromium DevTools' "Fast 3G": 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 562.5,
    downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9,
    uploadThroughput: (750 * 1024 / 8) * 0.9,
  });
  const usable = async () => {
    const t0 = Date.now();
    await page.goto(`/scoring/${panel}`, { waitUntil: 'commit' });
    // Usable: the candidate's sheet with its controls and the sync status are on screen.
    await expect(page.getByTestId('sheet')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('sync-status')).toBeVisible();
    return Date.now() - t0;
  };
  const first = await usable();
  // Installed: the service worker serves the shell and the bundle (cache first); the sheet shows
  // from what the tablet keeps, and only the API crosses the slow link.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const installed = await usable();
  const line = `fast-3g scoring page usable: ${first} ms on a first visit, ${installed} ms once installed (target 3000 ms)`;
  console.log(line);
  info.annotations.push({ type: 'fast-3g', description: line });
  expect(installed).toBeLessThanOrEqual(3000);
  await context.close();
});
