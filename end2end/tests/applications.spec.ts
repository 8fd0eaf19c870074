import { expect, test } from '@playwright/test';
import { LoginPage } from '../fixtures/login_page';
import { SelfCheckPage } from '../fixtures/self_check_page';

test.describe('申报', () => {
  test('An applicant drafts with a justified warning and submits; the channel then recommends it.', async ({ page }) => {
    const login = new LoginPage(page);
    await login.signIn('yc.saishang');
    await login.expectHome('applicant');

    // Draft: the same form as the self-check, with the live verdict beside it.
    await page.goto('/applications/new');
    const form = new SelfCheckPage(page);
    // Dated today (inside the open round); the leader is 60, over the soft limit of 55.
    const today = new Date().toISOString().slice(0, 10);
    const born = `${Number(today.slice(0, 4)) - 60}-01-15`;
    await form.fillQualifiedEnterprise({ applicationDate: today, birthDate: born });
    await form.expectVerdict('warning');
    await expect(form.finding('leader.age')).toHaveAttribute('data-severity', 'warning');
    await page.getByLabel(/超过“一般不超过 55 周岁”的要求/).fill('带头人身体健康，仍在生产一线带徒，单位已同意其延迟退休。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'draft');

    await page.getByRole('button', { name: '提交申报' }).click();
    await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'submitted');
    const url = page.url();
    await login.signOut();

    // The Yinchuan bureau reviews it: the missing rank and meeting date are named.
    await login.signIn('yc.bureau');
    await login.expectHome('recommender');
    await page.goto(url);
    await page.getByRole('button', { name: '推荐', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('推荐排序');
    await expect(page.getByRole('alert')).toContainText('党组（党委）会议日期');
    await page.getByLabel('推荐排序').fill('1');
    await page.getByLabel('党组（党委）会议日期').fill(today);
    await page.getByRole('button', { name: '推荐', exact: true }).click();
    await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'recommended');
    await login.signOut();

    // Another city's bureau cannot open it.
    await login.signIn('gy.bureau');
    await login.expectHome('recommender');
    await page.goto(url);
    await expect(page.getByTestId('not-found')).toBeVisible();
  });
});
