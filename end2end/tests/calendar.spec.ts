import { expect, test } from '../fixtures/test';
import { LoginPage } from '../fixtures/login_page';
import { OwnServer } from '../fixtures/own_server';

/**
 * HRSS enters a newly published holiday schedule, after which a public notice can end in that
 * year (第十一条（五）). On a server of its own: the shared suite's calendar stays as built.
 */
let server: OwnServer;

test.beforeAll(async () => {
  test.skip(!OwnServer.available(), 'run through `cargo xtask test` (needs E2E_SERVER_BIN)');
  server = await OwnServer.start('calendar');
});

test.afterAll(async () => {
  await server?.stop();
});

test('HRSS enters the 2027 schedule, and a notice into 2027 then has an end date', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  const before = await page.request.get('/api/calendar/notice-end?start=2026-12-28');
  expect(before.status()).toBe(422);

  const login = new LoginPage(page);
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.goto('/admin/holidays');
  await expect(page.getByTestId('holiday-years')).toContainText('2026');
  await page.locator('input[name=year]').fill('2027');
  // A bad line is named before anything is sent.
  await page.locator('textarea[name=days]').fill('2027-01-01 off 元旦\n2027-02-22 work 春节');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert')).toContainText('days[1].kind');
  await page.locator('textarea[name=days]').fill('2027-01-01 off 元旦\n2027-01-02 off 元旦\n2027-01-03 off 元旦');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText('2027 年的安排已保存：3 个日期');
  await expect(page.getByTestId('holiday-years').locator('tr', { hasText: '2027' })).toContainText('管理员录入');

  const after = await page.request.get('/api/calendar/notice-end?start=2026-12-28');
  expect(after.status()).toBe(200);
  expect((await after.json()).end).toBe('2027-01-04');
  await context.close();
});
