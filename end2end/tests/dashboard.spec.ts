import { type Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { LoginPage } from '../fixtures/login_page';
import { api } from '../fixtures/own_server';

/**
 * Journey 3: finance records a disbursement on a studio's ledger, and the dashboard's figure for
 * that studio's city moves by exactly that amount — in the table, in the bar chart and in the
 * public summary alike.
 */

/** "¥1,234,567.89" → 123456789 (fen). */
function fen(text: string | null): number {
  const t = (text ?? '').replace(/[¥,\s]/g, '');
  const [whole, frac = '0'] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

async function yinchuanDisbursed(page: Page): Promise<number> {
  await page.goto('/dashboard');
  const row = page.getByTestId('rows-table').locator('tr[data-key="yinchuan"]');
  await expect(row).toBeVisible();
  const table = fen(await row.getByTestId('disbursed').textContent());
  const bar = fen(await page.getByTestId('bars').locator('g[data-key="yinchuan"]').getByTestId('bar-disbursed').textContent());
  expect(bar).toBe(table);
  return table;
}

test('The dashboard is on screen soon after navigation, and the time is logged', async ({ page }, info) => {
  test.skip(!!process.env.E2E_DAY, 'timing figures are read on the real clock (a faked one fakes performance.now())');
  const login = new LoginPage(page);
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.goto('/dashboard');
  await expect(page.getByTestId('rows-table')).toBeVisible();
  const ready = await page.evaluate(() => performance.getEntriesByName('dashboard-ready')[0]?.startTime ?? NaN);
  console.log(`dashboard-ready [${info.project.name}]: ${ready.toFixed(0)} ms after navigation`);
  expect(ready).toBeGreaterThan(0);
});

test('@journey A disbursement moves its city on the dashboard by exactly its amount, in the table and the chart', async ({ page, browser }) => {
  const login = new LoginPage(page);
  await login.signIn('finance');
  await login.expectHome('finance');
  const before = await yinchuanDisbursed(page);

  const list = await api(page, 'GET', '/api/studios');
  const studio = list.studios.find((s: { city: string; status: string }) => s.city === 'yinchuan' && s.status === 'building');
  await page.goto(`/studios/${studio.id}`);
  const held = fen(await page.getByTestId('disbursed').textContent());
  await page.getByLabel('金额（元）').fill('12345.67');
  await page.getByLabel('凭证号').fill(`财拨〔2026〕${Date.now() % 100000}号`);
  await page.getByLabel('说明').fill('首期建设补助');
  await page.getByRole('button', { name: '记账' }).click();
  await expect.poll(async () => fen(await page.getByTestId('disbursed').textContent())).toBe(held + 1234567);

  // More than the entitlement is refused with the figures, and nothing changes.
  await page.getByLabel('金额（元）').fill('100000');
  await page.getByLabel('凭证号').fill('财拨〔2026〕超额');
  await page.getByRole('button', { name: '记账' }).click();
  await expect(page.getByTestId('ledger-error')).toContainText('将超过核定补助');
  expect(fen(await page.getByTestId('disbursed').textContent())).toBe(held + 1234567);

  const after = await yinchuanDisbursed(page);
  expect(after - before).toBe(1234567);

  // The public summary shows the same figure, without studio lines.
  const visitor = await browser.newContext();
  const pub = await visitor.newPage();
  expect(await yinchuanDisbursed(pub)).toBe(after);
  await expect(pub.getByTestId('map')).toBeVisible();
  await expect(pub.getByTestId('funnel')).toBeVisible();
  await visitor.close();

  // Drill-down: the city's counties and studios add up to the city's row.
  await page.getByTestId('map').locator('g[data-city="yinchuan"]').click();
  await expect(page.getByTestId('studios-table')).toBeVisible();
  const counties = await page.getByTestId('rows-table').locator('tbody [data-testid="disbursed"]').allTextContents();
  expect(counties.map(fen).reduce((a, b) => a + b, 0)).toBe(after);
});
