import { type Page } from '@playwright/test';
import { expect, idNumber, test } from '../fixtures/test';
import { LoginPage } from '../fixtures/login_page';
import { api } from '../fixtures/own_server';
import { FIELD_LABELS, LEADER_FLAG_LABELS, SelfCheckPage, UNIT_FLAG_LABELS } from '../fixtures/self_check_page';
import { tabTo, tick, typeDate, typeIn } from '../fixtures/keyboard';

/**
 * Keyboard-only journeys (issue #20): the self-check, scoring a sheet with a typed signature, an
 * application from draft to submit; the verdict announced politely once per change; the page's
 * language switched and its error messages in that language.
 */

/** The eligibility form (the self-check's, the application's) filled by keyboard: a qualified
 * enterprise whose leader is a 塞上技能大师 born in 1980. */
async function qualifyByKeyboard(page: Page, form: SelfCheckPage, employees: string, skilled: string) {
  await typeDate(page, form.control(FIELD_LABELS.birthDate), '1980-03-15');
  await tick(page, form.control('塞上技能大师'));
  for (const label of Object.values(LEADER_FLAG_LABELS)) await tick(page, form.control(label));
  await typeIn(page, form.control(FIELD_LABELS.employees), employees);
  await typeIn(page, form.control(FIELD_LABELS.skilledEmployees), skilled);
  for (const label of Object.values(UNIT_FLAG_LABELS)) await tick(page, form.control(label));
  await form.expectVerdict('pass');
}

test('@journey the self-check completes with the keyboard alone', async ({ page }) => {
  const selfCheck = new SelfCheckPage(page);
  await selfCheck.goto('/self-check');
  await qualifyByKeyboard(page, selfCheck, '100', '40');
  await expect(page.getByTestId('verdict-live')).toHaveText(/符合/);
});

test('the verdict is announced politely, once per change, not on every keystroke', async ({ page }) => {
  const selfCheck = new SelfCheckPage(page);
  await selfCheck.goto('/self-check');
  await selfCheck.fillQualifiedEnterprise();
  await selfCheck.expectVerdict('pass');
  const live = page.getByTestId('verdict-live');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await live.evaluate((el) => {
    const w = window as unknown as { liveChanges: number };
    w.liveChanges = 0;
    new MutationObserver(() => { w.liveChanges += 1; }).observe(el, { childList: true, characterData: true, subtree: true });
  });
  const changes = () => page.evaluate(() => (window as unknown as { liveChanges: number }).liveChanges);
  // Edits that leave the verdict as it was (40, 45, 50, 60 of 100 skilled) announce nothing.
  const skilled = selfCheck.control(FIELD_LABELS.skilledEmployees);
  for (const n of ['45', '50', '60']) {
    await skilled.fill(n);
    await selfCheck.expectVerdict('pass');
  }
  await page.waitForTimeout(300);
  expect(await changes(), 'three edits, the same verdict: nothing announced').toBe(0);
  // One that changes it (2 of 100) is announced.
  await skilled.fill('2');
  await selfCheck.expectVerdict('fail');
  await expect.poll(changes).toBeGreaterThan(0);
  await expect(live).toHaveText(/不符合/);
});

test('@journey an expert scores a sheet with the keyboard and signs by typing their name', async ({ page }, info) => {
  test.skip(info.project.name === 'tablet', 'keyboard journeys run on the desktop');
  const login = new LoginPage(page);
  await login.signIn('expert.ma');
  await login.expectHome('expert');
  const panels = await api(page, 'GET', '/api/panels');
  const panel = panels.find((p: { state: string; i_score: boolean }) => p.state === 'open' && p.i_score);
  expect(panel, 'the demo has an open panel with expert.ma on it').toBeTruthy();
  const me = (await api(page, 'GET', '/api/auth/me')).user.id;
  const signedNow = async () => (await api(page, 'GET', `/api/panels/${panel.id}`)).sheets
    .filter((s: { expert_id: number; status: string }) => s.expert_id === me && s.status === 'signed').length;
  const before = await signedNow();
  await page.goto(`/scoring/${panel.id}`);
  const sheet = page.getByTestId('sheet');
  await expect(sheet).toBeVisible();
  // The desktop and the tablet runs each sign the first sheet still open.
  const next = page.getByRole('button', { name: '下一位 ›' });
  for (let i = 0; i < 6 && (await sheet.getByTestId('signed').count()) > 0; i++) {
    await tabTo(page, next);
    await page.keyboard.press('Enter');
  }
  await expect(sheet.getByTestId('signed')).toHaveCount(0);
  const sliders = sheet.locator('li.item input[type="range"]');
  const n = await sliders.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    await tabTo(page, sliders.nth(i));
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
  }
  await typeIn(page, sheet.getByLabel('无法手写时，输入姓名作为签名'), '马文华');
  const submit = sheet.getByRole('button', { name: '签名提交' });
  await expect(submit).toBeEnabled();
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  await expect(sheet.getByTestId('signed')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  expect(await signedNow(), 'the typed signature is accepted by the rules').toBe(before + 1);
});

test('@journey an application goes from draft to submitted with the keyboard alone', async ({ page }, info) => {
  // One application per unit and round: a unit no other spec applies for.
  test.skip(info.project.name === 'tablet', 'keyboard journeys run on the desktop');
  const login = new LoginPage(page);
  await login.signIn('nx.dianli');
  await login.expectHome('applicant');
  await page.goto('/applications/new');
  await page.waitForSelector('body[data-ready="true"]');
  const form = new SelfCheckPage(page);
  await typeIn(page, page.getByLabel('领办人姓名'), '韩立明');
  await typeIn(page, page.getByLabel('领办人身份证号'), idNumber('1980-03-15'));
  await typeIn(page, page.getByLabel('职业（工种）'), '电工');
  await typeIn(page, page.getByLabel('建设方案（目标、团队、培训与传承计划）'), '培养高级工 10 名，攻关继电保护难题 2 项。');
  await qualifyByKeyboard(page, form, '500', '200');
  await tabTo(page, page.getByRole('button', { name: '保存草稿' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'draft');
  await tabTo(page, page.getByRole('button', { name: '提交申报' }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'submitted');
});

test('the language switch sets lang, and errors come in that language', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await tabTo(page, page.getByRole('button', { name: 'English' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await typeIn(page, page.getByLabel('Username', { exact: true }), 'hrss');
  await typeIn(page, page.getByLabel('Password', { exact: true }), 'not-the-password');
  await page.keyboard.press('Enter');
  const alert = page.getByRole('alert').filter({ hasText: /\S/ }).first();
  await expect(alert).toBeVisible();
  expect(await alert.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
});

test('the map\'s cities are named buttons the keyboard reaches, and each chart names its table', async ({ page }, info) => {
  test.skip(info.project.name === 'tablet', 'keyboard journeys run on the desktop');
  await page.goto('/dashboard');
  await page.waitForSelector('body[data-ready="true"]');
  const map = page.getByTestId('map');
  await expect(map.getByRole('button')).toHaveCount(5);
  for (const described of await page.locator('figure.chart svg[aria-describedby]').all()) {
    const id = await described.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${id}"]`), `the table ${id} a chart names`).toHaveCount(1);
  }
  const yinchuan = map.getByRole('button', { name: /^银川市：已拨付/ });
  await tabTo(page, yinchuan);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /银川市 · 按县（市、区）/ })).toBeVisible();
});
