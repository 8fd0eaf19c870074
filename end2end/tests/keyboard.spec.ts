import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { expect, idNumber, test } from '../fixtures/test';
import { LoginPage } from '../fixtures/login_page';
import { api } from '../fixtures/own_server';
import { FIELD_LABELS, LEADER_FLAG_LABELS, SelfCheckPage, UNIT_FLAG_LABELS } from '../fixtures/self_check_page';
import { answerWithReason } from '../fixtures/dialogs';
import { tabTo, tick, typeDate, typeIn } from '../fixtures/keyboard';

/**
 * Keyboard-only journeys (issue #20): the self-check, scoring a sheet with a typed signature, an
 * application from draft to submit; the verdict announced politely once per change; the page's
 * language switched and its error messages in that language; a question (the modal dialog) that
 * holds the focus, names its missing reason and gives the focus back.
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

/** expert.ma on the demo's open panel, at the first sheet still open to sign (the desktop and the
 * tablet runs each sign one), moving there by keyboard. */
async function openSheetOfMa(page: Page) {
  const login = new LoginPage(page);
  await login.signIn('expert.ma');
  await login.expectHome('expert');
  const panels = await api(page, 'GET', '/api/panels');
  const panel = panels.find((p: { state: string; i_score: boolean }) => p.state === 'open' && p.i_score);
  expect(panel, 'the demo has an open panel with expert.ma on it').toBeTruthy();
  await page.goto(`/scoring/${panel.id}`);
  const sheet = page.getByTestId('sheet');
  await expect(sheet).toBeVisible();
  const next = page.getByRole('button', { name: '下一位 ›' });
  for (let i = 0; i < 6 && (await sheet.getByTestId('signed').count()) > 0; i++) {
    await tabTo(page, next);
    await page.keyboard.press('Enter');
  }
  await expect(sheet.getByTestId('signed')).toHaveCount(0);
  return { sheet, panelId: panel.id as number };
}

test('@journey an expert scores a sheet with the keyboard and signs by typing their name', async ({ page }, info) => {
  test.skip(info.project.name === 'tablet', 'keyboard journeys run on the desktop');
  const { sheet, panelId } = await openSheetOfMa(page);
  const me = (await api(page, 'GET', '/api/auth/me')).user.id;
  const signedNow = async () => (await api(page, 'GET', `/api/panels/${panelId}`)).sheets
    .filter((s: { expert_id: number; status: string }) => s.expert_id === me && s.status === 'signed').length;
  const before = await signedNow();
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


test('a question holds the focus, names a missing reason, and gives the focus back', async ({ page }, info) => {
  test.skip(info.project.name === 'tablet', 'keyboard journeys run on the desktop');
  await openSheetOfMa(page);
  const recuse = page.getByRole('button', { name: '申请回避' });
  await tabTo(page, recuse);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '请填写理由' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-describedby', /^ask-text-\d+$/);
  await expect(dialog).toHaveAttribute('data-kind', 'reason');
  const reason = dialog.getByLabel('理由', { exact: true });
  await expect(reason).toBeFocused();
  // Tab and Shift+Tab go round inside the dialog; the page behind is never reached.
  const inside = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    expect(await inside(), `Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inside(), `Shift+Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  // 确定 with no reason: the field is named as missing, the dialog stays, the focus goes to it.
  await tabTo(page, dialog.getByRole('button', { name: '确定' }), 10);
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('理由为必填项');
  await expect(reason).toBeFocused();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // Escape answers no: nothing is sent, and the focus is back on the button that asked.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(recuse).toBeFocused();
  await expect(recuse).toBeEnabled();
  await expect(page.getByTestId('sheet').getByTestId('recused')).toHaveCount(0);
});

/** The finance officer on the page of a demo studio being built (its ledger form open to them). */
async function financeOnAStudioBeingBuilt(page: Page) {
  const login = new LoginPage(page);
  await login.signIn('finance');
  await login.expectHome('finance');
  const studios = (await api(page, 'GET', '/api/studios')).studios;
  const studio = studios.find((s: { status: string }) => s.status === 'building');
  expect(studio, 'the demo has a studio being built').toBeTruthy();
  await page.goto(`/studios/${studio.id}`);
}

test('on an English page a refusal on the studio page says why in English', async ({ page }, info) => {
  test.skip(info.project.name === 'tablet', 'one language run is enough');
  await financeOnAStudioBeingBuilt(page);
  await tabTo(page, page.getByRole('button', { name: 'English' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Subsidy ledger (ch. 5)' })).toBeVisible();
  // More than the whole entitlement: refused by the ledger's invariant (第十二条).
  await page.getByLabel('Amount (yuan)').fill('100000.01');
  await page.getByLabel('Voucher no.').fill('E2E-EN-1');
  await page.getByRole('button', { name: 'Record' }).click();
  const error = page.getByTestId('ledger-error');
  await expect(error).toContainText('would exceed the entitled subsidy');
  await expect(error).toContainText('Art. 12');
  expect(await error.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
  // The page's own texts are English too: its headings, labels and buttons.
  const ledger = page.locator('section', { has: page.getByRole('heading', { name: 'Subsidy ledger (ch. 5)' }) });
  const labels = await ledger.locator('label, button, th, h2').allInnerTexts();
  expect(labels.filter((t) => /[\u4e00-\u9fff]/.test(t))).toEqual([]);
});

test('a reason given in the question is recorded with the move it asked about', async ({ page }, info) => {
  test.skip(info.project.name === 'tablet', 'one run is enough');
  await financeOnAStudioBeingBuilt(page);
  const voucher = `E2E-REV-${Date.now()}`;
  await page.getByLabel('金额（元）').fill('1000');
  await page.getByLabel('凭证号').fill(voucher);
  await page.getByRole('button', { name: '记账' }).click();
  const row = page.getByTestId('entries').locator('tbody tr', { hasText: voucher });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: '冲销' }).click();
  await answerWithReason(page, '凭证号录错，冲销后重录');
  await expect(page.getByTestId('entries').locator('tbody tr', { hasText: '凭证号录错，冲销后重录' })).toHaveCount(1);
  await expect(row).toContainText(/已被 #\d+ 冲销/);
});
