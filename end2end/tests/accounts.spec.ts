import { expect, test } from '../fixtures/test';
import { DEMO_PASSWORD, LoginPage } from '../fixtures/login_page';

const ROLES: Array<[string, string, RegExp]> = [
  ['hrss', 'hrss_admin', /自治区人社厅工作台/],
  ['finance', 'finance', /财务工作台/],
  ['expert.zhang', 'expert', /评审专家工作台/],
  ['yc.bureau', 'recommender', /推荐单位工作台/],
  ['yc.saishang', 'applicant', /申报单位工作台/],
];

test.describe('账号与权限', () => {
  for (const [username, role, heading] of ROLES) {
    test(`The demo ${role} account ${username} signs in and sees its own workbench.`, async ({ page }) => {
      const login = new LoginPage(page);
      await login.signIn(username);
      await login.expectHome(role);
      await expect(login.homeTitle()).toHaveText(heading);
      await login.signOut();
    });
  }

  test('A wrong password is refused with a message and the password field is cleared.', async ({ page }) => {
    const login = new LoginPage(page);
    await login.signIn('edu', 'not-the-password-1');
    await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
    await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('用户名', { exact: true })).toHaveValue('edu');
  });

  test('A recommender of Yinchuan cannot open a Guyuan studio by URL, but can open its own.', async ({ page, browser }) => {
    // Find a Guyuan studio and a Yinchuan studio through their own bureaus.
    const idOf = async (username: string) => {
      const ctx = await browser.newContext();
      const res = await ctx.request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
      expect(res.ok()).toBeTruthy();
      const list = await (await ctx.request.get('/api/studios')).json();
      await ctx.close();
      expect(list.studios.length).toBeGreaterThan(0);
      return list.studios[0].id as number;
    };
    const guyuan = await idOf('gy.bureau');
    const yinchuan = await idOf('yc.bureau');

    const login = new LoginPage(page);
    await login.signIn('yc.bureau');
    await login.expectHome('recommender');

    await page.goto(`/studios/${guyuan}`);
    await expect(page.getByTestId('not-found')).toBeVisible();
    const direct = await page.request.get(`/api/studios/${guyuan}`);
    expect(direct.status()).toBe(404);

    await page.goto(`/studios/${yinchuan}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('技能大师工作室');
  });

  test('An administrator sees the users and a verified audit chain that records the sign-ins.', async ({ page }) => {
    const login = new LoginPage(page);
    await login.signIn('hrss');
    await login.expectHome('hrss_admin');

    await page.getByRole('link', { name: '用户', exact: true }).click();
    await expect(page.getByRole('cell', { name: 'gy.bureau', exact: true })).toBeVisible();

    await page.getByRole('link', { name: '审计', exact: true }).click();
    await expect(page.getByRole('cell', { name: 'login', exact: true }).first()).toBeVisible();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-ok', 'true');
  });

  test('Signed-in pages are closed to visitors and to the wrong role.', async ({ page }) => {
    expect((await page.request.get('/api/studios')).status()).toBe(401);
    const login = new LoginPage(page);
    await login.signIn('finance');
    await login.expectHome('finance');
    expect((await page.request.get('/api/admin/users')).status()).toBe(403);
  });

  test('A user changes their password, signs in with the new one, and changes it back.', async ({ page }) => {
    const login = new LoginPage(page);
    const changeTo = async (current: string, next: string) => {
      await page.goto('/account');
      await page.getByLabel('当前密码', { exact: true }).fill(current);
      await page.getByLabel('新密码', { exact: true }).fill(next);
      await page.getByRole('button', { name: '保存新密码' }).click();
      await expect(page.getByRole('status')).toContainText('密码已修改');
    };
    await login.signIn('agri');
    await login.expectHome('recommender');

    await page.goto('/account');
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await expect(page.getByRole('alert')).toContainText('至少 10 个字符');

    await changeTo(DEMO_PASSWORD, 'Helan-shan-2027!');
    await login.signOut();
    await login.signIn('agri', 'Helan-shan-2027!');
    await login.expectHome('recommender');
    await changeTo('Helan-shan-2027!', DEMO_PASSWORD);
  });

  test('An administrator moves an account to another role and scope, and the audit shows why.', async ({ page }, testInfo) => {
    const login = new LoginPage(page);
    await login.signIn('hrss');
    await page.getByRole('link', { name: '用户', exact: true }).click();

    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'expert.ma', exact: true }) });
    await row.getByRole('button', { name: '修改' }).click();
    const name = `马文华（${testInfo.project.name}）`;
    const edit = page.locator('tr.edit-row');
    await edit.getByLabel('姓名', { exact: true }).fill(name);
    await edit.getByLabel('角色', { exact: true }).selectOption('recommender');
    await edit.getByLabel('所属单位或推荐单位').selectOption({ label: '固原市人力资源和社会保障局' });
    await edit.getByLabel('变更理由（记入审计日志）').fill('借调固原市人社局');
    await edit.getByRole('button', { name: '保存修改' }).click();

    const updated = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'expert.ma', exact: true }) });
    await expect(updated).toContainText(name);
    await expect(updated).toContainText('推荐单位');
    await expect(updated).toContainText('固原市人力资源和社会保障局');

    // Put it back, so the demo data stays as documented.
    await updated.getByRole('button', { name: '修改' }).click();
    await edit.getByLabel('角色', { exact: true }).selectOption('expert');
    await edit.getByLabel('变更理由（记入审计日志）').fill('借调结束');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'expert.ma', exact: true }) })).toContainText('评审专家');

    await page.getByRole('link', { name: '审计', exact: true }).click();
    await expect(page.getByRole('cell', { name: /借调固原市人社局/ }).first()).toBeVisible();
  });
});

