import { expect, creditCode, test } from '../fixtures/test';
import { LoginPage } from '../fixtures/login_page';
import { api } from '../fixtures/own_server';
import * as fs from 'node:fs';
import iconv from 'iconv-lite';

/**
 * Onboarding real data (issue #19): HRSS imports a registry from a spreadsheet in the browser (the
 * template round trip, a GB18030 CSV with errors in several rows that writes nothing, the corrected
 * file, the same file again), a city bureau reads its expert roster and forms an annual panel, and
 * an applicant picks the new unit of a host change.
 */

const HEADER = '统一社会信用代码,单位名称,所在市,县（市、区）,单位类型,隶属关系,所属系统（集团）,推荐单位';

function gb18030(text: string) {
  return iconv.encode(text, 'gb18030');
}

test('@journey HRSS imports units: errors in several rows write nothing, the corrected GB18030 file imports once', async ({ page }) => {
  const login = new LoginPage(page);
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.getByRole('link', { name: '导入', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('数据导入与导出');
  const card = page.getByTestId('import-units');

  // The template, downloaded and uploaded back: its example row reads without an error.
  const [template] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: '下载导入模板' }).click()]);
  const templatePath = test.info().outputPath('units-template.xlsx');
  await template.saveAs(templatePath);
  expect(fs.statSync(templatePath).size).toBeGreaterThan(1000);
  await card.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(templatePath);
  await card.getByRole('button', { name: '预览（不写入）' }).click();
  await expect(card.getByTestId('import-summary')).toContainText(/工作表“单位”共 1 行：(新增 1|新增 0，更新 0，无变化 1)/);
  await expect(card.getByTestId('import-errors')).toHaveCount(0);

  // A GB18030 CSV with errors in rows 3 and 4: every bad cell named, nothing can be confirmed.
  const body = `8${Date.now().toString().slice(-7)}`;
  const code = creditCode(body, 640104);
  const name = `宁夏导入测试机械有限公司${body}`;
  const good = `${code},${name},银川市,兴庆区,企业,各地企事业单位（含技工院校）,,银川市人力资源和社会保障局`;
  const badCode = `${code.slice(0, 17)}${code.endsWith('0') ? '1' : '0'},另一家单位,,兴庆区,企业,各地企事业单位（含技工院校）,,`;
  const badPlace = `${creditCode(`9${body.slice(1)}`, 640104)},第三家单位,固原市,兴庆区,公司,各地企事业单位（含技工院校）,,`;
  const file = (lines: string[]) => ({ name: 'units.csv', mimeType: 'text/csv', buffer: gb18030([HEADER, ...lines].join('\r\n')) });
  await card.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(file([good, badCode, badPlace]));
  await card.getByRole('button', { name: '预览（不写入）' }).click();
  await expect(card.getByTestId('import-summary')).toContainText('共 3 行：新增 1，更新 0，无变化 0；3 处错误');
  const errors = card.getByTestId('import-errors');
  await expect(errors.getByRole('row', { name: /3 统一社会信用代码 .*校验位/ })).toBeVisible();
  await expect(errors.getByRole('row', { name: /4 所在市 兴庆区属于银川市/ })).toBeVisible();
  await expect(errors.getByRole('row', { name: /4 单位类型/ })).toBeVisible();
  await expect(card.getByRole('button', { name: '确认导入' })).toBeDisabled();
  expect(await api(page, 'GET', `/api/admin/units?q=${code}`)).toHaveLength(0);

  // Corrected: the good row alone, previewed, confirmed, then the same file again changes nothing.
  await card.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(file([good]));
  await card.getByRole('button', { name: '预览（不写入）' }).click();
  await expect(card.getByTestId('import-summary')).toContainText('预览：工作表“单位”共 1 行：新增 1');
  await expect(card.getByTestId('import-outcomes')).toContainText(name);
  await card.getByRole('button', { name: '确认导入' }).click();
  await expect(card.getByTestId('import-summary')).toContainText('已导入。工作表“单位”共 1 行：新增 1');
  const [saved] = await api(page, 'GET', `/api/admin/units?q=${code}`);
  expect(saved).toMatchObject({ name, county: '兴庆区', channel: { kind: 'city_bureau', city: 'yinchuan' } });
  await card.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(file([good]));
  await card.getByRole('button', { name: '预览（不写入）' }).click();
  await expect(card.getByTestId('import-summary')).toContainText('共 1 行：新增 0，更新 0，无变化 1');
  await expect(card.getByRole('button', { name: '确认导入' })).toBeDisabled();

  // The registry's export lists it in the import's columns.
  const [exported] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: '导出登记表（可再导入）' }).click()]);
  expect(exported.suggestedFilename()).toMatch(/\.xlsx$/);
});

test('@journey a city bureau reads its expert roster and forms an annual panel for its studios', async ({ page }) => {
  const login = new LoginPage(page);
  await login.signIn('yc.bureau');
  await page.getByRole('link', { name: '专家库', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('评审专家库');
  const roster = page.getByTestId('expert-roster');
  await expect(roster.getByTestId('expert-row').first()).toBeVisible();
  await expect(roster).toContainText('计入回避');
  await expect(roster.locator('td', { hasText: /\*{4}/ }).first()).toBeVisible();

  await page.getByRole('link', { name: '评审组', exact: true }).click();
  await expect(page.getByRole('heading', { name: '组建年度考核组' })).toBeVisible();
  const title = `银川市年度考核组${Date.now().toString().slice(-6)}`;
  await page.getByLabel('考核年度').fill('2026');
  await page.getByLabel('评审组名称').fill(title);
  await page.getByLabel('职业组别').fill('装备制造类');
  // Experts no other journey scores with (expert.zhang and expert.ma score the demo's open panel).
  const experts = page.getByTestId('panel-experts').locator('li');
  await expect(experts.first()).toBeVisible();
  for (const name of ['孙立伟', '赵振宇', '李国华']) {
    await experts.filter({ hasText: name }).getByRole('checkbox').check();
  }
  await experts.filter({ hasText: '孙立伟' }).getByRole('radio').check();
  const studios = page.getByTestId('panel-candidates').getByRole('checkbox');
  await expect(studios.first()).toBeVisible();
  await studios.first().check();
  await page.getByLabel('去掉一个最高分和一个最低分').uncheck();
  await page.getByRole('button', { name: '组建评审组' }).click();
  await expect(page.getByRole('status')).toContainText(`已组建评审组“${title}”`);
  await expect(page.getByTestId('panel-row').filter({ hasText: title })).toContainText('年度考核');
});

test('@journey an applicant picks the new unit of a host change from the registry', async ({ page }) => {
  // One studio per device project: a studio with a change open shows no new request form.
  const [applicant, studioName, search, unit] = test.info().project.name === 'tablet'
    ? ['gy.jigong', '田文斌汽车维修工技能大师工作室', '塞上', '银川塞上机床制造有限公司']
    : ['yc.saishang', '马建华加工中心操作工技能大师工作室', '固原', '固原市高级技工学校'];
  const login = new LoginPage(page);
  await login.signIn(applicant);
  await login.expectHome('applicant');
  const list = await api(page, 'GET', '/api/studios');
  const studio = list.studios.find((s: { name: string }) => s.name === studioName);
  expect(studio).toBeTruthy();
  await page.goto(`/studios/${studio.id}`);
  const form = page.getByTestId('host-change-form');
  await expect(form).toBeVisible();
  await form.getByLabel('带头人调入的单位（输入名称或统一社会信用代码查找）').fill(search);
  const option = form.getByRole('radio', { name: new RegExp(unit) });
  await expect(option).toBeVisible();
  await option.check();
  await expect(form.getByTestId('unit-chosen')).toHaveText(`已选择：${unit}`);
  await form.getByLabel('方式').selectOption('co_build');
  await form.locator('textarea[name="cause"]').fill(`带头人调入${unit}，两单位合作共建工作室`);
  await form.getByRole('button', { name: '提交变更申请' }).click();
  await expect(form).toHaveCount(0);
  const changes = (await api(page, 'GET', `/api/studios/${studio.id}/life`)).changes;
  expect(changes.at(-1)).toMatchObject({ kind: 'host', new_unit_name: unit, mode: 'co_build' });
});
