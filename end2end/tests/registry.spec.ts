import { expect, creditCode, test } from '../fixtures/test';
import { LoginPage } from '../fixtures/login_page';
import { OwnServer, api } from '../fixtures/own_server';

/**
 * HRSS's registries (issue #15): a unit is registered with its credit code checked as it is typed,
 * routed to the channel 第十一条（一） names, and edited; the policies the measures leave open are
 * set with a reason.
 */

test('@journey HRSS registers a unit: the credit code is checked as typed, the channel follows the affiliation', async ({ page }) => {
  const login = new LoginPage(page);
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.getByRole('link', { name: '单位', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('单位登记');
  // The demo's units with their channels and systems.
  const table = page.getByTestId('units');
  await expect(table.getByRole('row', { name: /宁夏长城焊接装备有限公司/ })).toContainText('宁夏国有资本运营集团');
  await page.getByLabel('名称或信用代码').fill('吴忠');
  await expect(table.locator('tbody tr').first()).toContainText('吴忠');
  await expect(table.getByRole('row', { name: /宁夏长城焊接装备有限公司/ })).toHaveCount(0);

  // A new unit: a mistyped credit code is named at once, as the server would name it.
  const body = `7${Date.now().toString().slice(-7)}`;
  const code = creditCode(body, 640106);
  const name = `宁夏测试精工有限公司${body}`;
  await page.getByRole('button', { name: '登记新单位' }).click();
  const form = page.getByTestId('unit-form');
  const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
  await form.getByLabel('统一社会信用代码').fill(wrong);
  await expect(form.getByRole('alert').first()).toContainText('校验位不正确');
  await expect(form.getByLabel('统一社会信用代码')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('统一社会信用代码').fill(code);
  await form.getByLabel('单位名称').fill(name);
  await form.getByLabel('隶属关系').selectOption({ label: '自治区国有企业' });
  await form.getByLabel('所在区县').selectOption({ label: '金凤区' });
  await expect(form).toContainText('按第十一条（一）：自治区国资委');
  await form.getByLabel('所属系统（集团），没有可不填').fill('宁夏国有资本运营集团');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toContainText(`已保存：${name}`);

  await page.getByLabel('名称或信用代码').fill(code);
  const row = table.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('国有资产监督管理委员会');
  await expect(row).toContainText('银川市金凤区');

  // Edited: a local enterprise of 银川 goes through 银川市人社局.
  await row.getByRole('button', { name: `修改 ${name}` }).click();
  await expect(form.getByLabel('统一社会信用代码')).toHaveValue(code);
  await form.getByLabel('隶属关系').selectOption({ label: '各地企事业单位（含技工院校）' });
  await expect(form).toContainText('银川市人力资源和社会保障局');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('银川市人力资源和社会保障局');
  const [saved] = await api(page, 'GET', `/api/admin/units?q=${code}`);
  expect(saved).toMatchObject({ credit_code: code, affiliation: 'local', group_name: '宁夏国有资本运营集团', channel: { kind: 'city_bureau', city: 'yinchuan' } });

  // The same code again is refused, naming the field.
  await page.getByRole('button', { name: '登记新单位' }).click();
  await form.getByLabel('统一社会信用代码').fill(code);
  await form.getByLabel('单位名称').fill('重复登记');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert').first()).toContainText('已登记');
});

test.describe('policies', () => {
  let server: OwnServer;
  test.beforeAll(async () => {
    test.skip(!OwnServer.available(), 'run through `cargo xtask test` (needs E2E_SERVER_BIN)');
    server = await OwnServer.start('policies', { demoRound: false });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('@journey HRSS sets whom the 3-year ban binds; a change without a reason is refused', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.baseURL });
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.signIn('hrss');
    await login.expectHome('hrss_admin');
    await page.getByRole('link', { name: '口径', exact: true }).click();
    await expect(page.getByTestId('policies-updated')).toHaveText('尚未修改，使用默认口径。');
    await expect(page.getByRole('radio', { name: '合格（60 分及以上为合格）' })).toBeChecked();
    await expect(page.getByRole('radio', { name: '申报单位和带头人均受限' })).toBeChecked();

    await page.getByRole('radio', { name: '仅带头人受限' }).check();
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('#policy-reason-error')).toBeVisible();
    expect((await api(page, 'GET', '/api/admin/policies')).policies.ban_binds).toBe('unit_and_leader');

    await page.getByLabel('修改理由（记入审计日志）').fill('厅务会决定：撤销命名后的限制针对带头人本人。');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByRole('status')).toContainText('已保存');
    await expect(page.getByTestId('policies-updated')).toContainText('最近由');
    const now = await api(page, 'GET', '/api/admin/policies');
    expect(now.policies).toEqual({ sixty: 'qualified', ban_binds: 'leader_only' });
    await context.close();
  });
});
