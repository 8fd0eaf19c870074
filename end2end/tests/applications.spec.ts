import { expect, idNumber, test } from '../fixtures/test';
import { confirmDialogs } from '../fixtures/dialogs';
import { LoginPage } from '../fixtures/login_page';
import { SelfCheckPage } from '../fixtures/self_check_page';

test.describe('申报', () => {
  test('@journey An applicant drafts with a justified warning and submits; the channel then recommends it.', async ({ page }, info) => {
    // A channel submits one ranked list per round: each project uses a unit whose channel has not
    // listed yet in this year's round (the demo's round in flight has the others').
    const [applicant, bureau, meetingRef] = info.project.name === 'tablet'
      ? ['wz.yibiao', 'wz.bureau', '吴忠市人社局党组会议纪要〔2026〕4号']
      : ['nx.hanjie', 'sasac', '自治区国资委党委会议纪要〔2026〕9号'];
    const login = new LoginPage(page);
    await login.signIn(applicant);
    await login.expectHome('applicant');

    // Draft: the same form as the self-check, with the live verdict beside it.
    await page.goto('/applications/new');
    await page.getByLabel('领办人姓名').fill('刘国强');
    await page.getByLabel('职业（工种）').fill('钳工');
    await page.getByLabel('建设方案（目标、团队、培训与传承计划）').fill('培养高级工 10 名，攻关装配精度难题 2 项。');
    const form = new SelfCheckPage(page);
    // Checked on today, the server's (the submission day decides); the leader is 60, over the soft
    // limit of 55.
    const today = (await (await page.request.get('/api/health')).json()).today as string;
    await expect(form.evaluatedOn).toContainText(today);
    const born = `${Number(today.slice(0, 4)) - 60}-01-15`;
    await form.fillQualifiedEnterprise({ birthDate: born });
    // The identity number must encode that birth date: a mistyped one is named at once.
    const idField = page.getByLabel('领办人身份证号');
    const good = idNumber(born);
    await idField.fill(good.slice(0, 17) + (good.endsWith('0') ? '1' : '0'));
    await expect(page.locator('#profile-leader-id-error')).toBeVisible();
    await idField.fill(good);
    await expect(page.locator('#profile-leader-id-error')).toHaveCount(0);
    await form.expectVerdict('warning');
    await expect(form.finding('leader.age')).toHaveAttribute('data-severity', 'warning');
    await page.getByLabel(/超过“一般不超过 55 周岁”的要求/).fill('带头人身体健康，仍在生产一线带徒，单位已同意其延迟退休。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'draft');

    await page.getByRole('button', { name: '提交申报' }).click();
    await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'submitted');
    const url = page.url();
    await login.signOut();

    // The city bureau puts it on its ranked list: the missing meeting reference is named.
    const id = url.split('/').pop();
    await login.signIn(bureau);
    await login.expectHome('recommender');
    await confirmDialogs(page);
    await page.goto('/board');
    await page.getByTestId('queue').locator('li', { hasText: `#${id} ` }).getByRole('checkbox').check();
    await page.getByLabel('党组（党委）会议日期').fill(today);
    await page.getByRole('button', { name: '提交推荐名单' }).click();
    await expect(page.getByRole('alert')).toContainText('请填写会议纪要或文件编号');
    await page.getByLabel('会议纪要或文件编号').fill(meetingRef);
    await page.getByRole('button', { name: '提交推荐名单' }).click();
    await expect(page.getByText('已提交推荐名单，共 1 份。')).toBeVisible();
    await page.goto(url);
    await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'recommended');
    await expect(page.getByTestId('rank')).toHaveText('1');
    await login.signOut();

    // Another city's bureau cannot open it.
    await login.signIn('gy.bureau');
    await login.expectHome('recommender');
    await page.goto(url);
    await expect(page.getByTestId('not-found')).toBeVisible();
  });
});
