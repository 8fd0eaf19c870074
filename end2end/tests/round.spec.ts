import { addDays, expect, followServerClock, idNumber, test } from '../fixtures/test';
import { confirmDialogs } from '../fixtures/dialogs';
import { LoginPage } from '../fixtures/login_page';
import { OwnServer, api } from '../fixtures/own_server';
import { SelfCheckPage } from '../fixtures/self_check_page';

/**
 * One whole round of 第四章 on a server of its own (its clock moves past the notice):
 * applicants in 银川 and 吴忠 submit; 银川's is returned, fixed and resubmitted; each city bureau ranks
 * and submits its list; HRSS runs the defense review (the panel's aggregate is entered by HRSS until
 * tablet scoring feeds it), a 差额 field inspection for one slot, a public notice that gets an
 * objection, resolves it, approves after the notice and closes the round. At the end the public
 * notice, the studio and its entitlement are checked.
 */
test.describe.configure({ mode: 'serial' });

/** The own server's day (the real date, or E2E_DAY when the suite runs on a fixed day). */
let TODAY = '';
let YEAR = 0;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let server: OwnServer;

test.beforeAll(async () => {
  test.skip(!OwnServer.available(), 'run through `cargo xtask test` (needs E2E_SERVER_BIN)');
  server = await OwnServer.start('whole-round');
  TODAY = await server.today();
  YEAR = Number(TODAY.slice(0, 4));
});

test.afterAll(async () => {
  await server?.stop();
});

/** Facts of 吴忠精密仪表 (an enterprise) that pass every rule, dated today. */
function enterpriseFacts() {
  return {
    level: 'regional', national_category: null, application_date: TODAY,
    leader: {
      birth_date: '1976-05-20', titles: ['regional_technical_expert'], skill_level: 'technician',
      active_innovation: true, influential_invention: false, economic_benefit: true,
      unique_skills: false, craft_contribution: false, top_skill: true, mentoring_experience: true,
      healthy: true, can_run_studio: true, teacher_qualification: false, integrated_teacher: false,
      front_line_teaching: false, enterprise_experience: false, last_exit_date: null,
    },
    unit: {
      kind: 'enterprise', employees: 600, skilled_employees: 240, talent_policies: true,
      funding_and_premises: true, training_results: true, has_approved_regional_studio: false,
      last_exit_date: null,
    },
  };
}


test('@journey One whole round: submit, return and fix, rank, defend, 差额 inspection, notice with an objection, approval', async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: server.baseURL });
  await followServerClock(context, server.baseURL);
  const page = await context.newPage();
  await confirmDialogs(page);
  const login = new LoginPage(page);

  // HRSS opens next year's call early, with one regional slot (so two candidates make it 差额).
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  const round = await api(page, 'POST', '/api/rounds', {
    year: YEAR + 1, title: `${YEAR + 1}年度技能大师工作室申报`, opens_on: TODAY,
    closes_on: `${YEAR + 1}-12-31`, regional_slots: 1, national_slots: 0,
  });
  await login.signOut();

  // 吴忠: an applicant submits through the API (the form itself is exercised below for 银川).
  await login.signIn('wz.yibiao');
  await login.expectHome('applicant');
  const wz = await api(page, 'POST', '/api/applications', {
    round_id: round.id, facts: enterpriseFacts(), justifications: {},
    profile: { leader_name: '马海涛', leader_id_number: idNumber('1976-05-20'), occupation: '仪器仪表装调工', industry: '仪器仪表', plan: '三年培养高级工 15 名，攻关精密装配工艺 2 项。', studio_name: '' },
  });
  await api(page, 'POST', `/api/applications/${wz.id}/transition`, { action: 'submit', version: wz.version });
  await login.signOut();

  // 银川: the applicant drafts in the form beside the live verdict, uploads evidence, submits.
  await login.signIn('yc.saishang');
  await login.expectHome('applicant');
  await page.goto('/applications/new');
  await page.getByLabel('领办人姓名').fill('马建军');
  // The identity number encodes the birth date the rules read (1975-06-01, the form's default).
  await page.getByLabel('领办人身份证号').fill(idNumber('1975-06-01', 640106, 231));
  await page.getByLabel('职业（工种）').fill('数控车工');
  await page.getByLabel('所属行业').fill('先进装备制造');
  await page.getByLabel('建设方案（目标、团队、培训与传承计划）').fill('两年内带徒 20 名，开展数控加工技术攻关 3 项，面向社会培训 300 人次。');
  const form = new SelfCheckPage(page);
  await form.fillQualifiedEnterprise({ applicationDate: TODAY });
  await form.expectVerdict('pass');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'draft');
  await expect(page.getByTestId('studio-name')).toHaveText('马建军技能大师工作室');
  const ycUrl = page.url();
  const ycId = Number(ycUrl.split('/').pop());

  await page.getByLabel('文件（PDF、JPG、PNG，不超过 10 MB）').setInputFiles({ name: '技师证书.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.getByTestId('attachments')).toContainText('技师证书.pdf');
  // A file whose content is not what it claims is refused, naming why.
  await page.getByLabel('文件（PDF、JPG、PNG，不超过 10 MB）').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PDF });
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.getByRole('alert')).toContainText('文件内容不是所声明的类型');

  await page.getByRole('button', { name: '提交申报' }).click();
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'submitted');
  await login.signOut();

  // 银川市人社局 returns it for correction with a reason.
  await login.signIn('yc.bureau');
  await login.expectHome('recommender');
  await page.goto(ycUrl);
  await page.getByLabel('理由（退回或不予推荐时必填）').fill('职工总数与营业执照附件不一致，请核实后更正。');
  await page.getByRole('button', { name: '退回修改' }).click();
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'returned');
  await login.signOut();

  // The applicant fixes it and resubmits; the timeline shows the return's reason and the change.
  await login.signIn('yc.saishang');
  await login.expectHome('applicant');
  await page.goto(ycUrl);
  await expect(page.getByText('职工总数与营业执照附件不一致')).toHaveCount(2); // banner and timeline
  await page.getByRole('link', { name: '修改' }).click();
  await form.setEmployees(120);
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'returned');
  await page.getByRole('button', { name: '提交申报' }).click();
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'submitted');
  const timeline = page.getByTestId('timeline');
  await timeline.getByText('项内容有改动').first().click();
  await expect(timeline.locator('tr', { hasText: 'facts.unit.employees' })).toContainText('120');
  await login.signOut();

  // Each bureau ranks its queue and submits the list with its Party-group meeting.
  for (const [bureau, id] of [['yc.bureau', ycId], ['wz.bureau', wz.id]] as const) {
    await login.signIn(bureau);
    await login.expectHome('recommender');
    await page.goto('/board');
    await page.getByTestId('queue').locator('li', { hasText: `#${id} ` }).getByRole('checkbox').check();
    await expect(page.getByTestId('ranked')).toContainText(`#${id}`);
    await page.getByLabel('党组（党委）会议日期').fill(TODAY);
    await page.getByLabel('会议纪要或文件编号').fill(`党组会议纪要〔${YEAR}〕${id}号`);
    await page.getByRole('button', { name: '提交推荐名单' }).click();
    await expect(page.getByText('已提交推荐名单，共 1 份。')).toBeVisible();
    await login.signOut();
  }

  // HRSS: defense review, then the panel's aggregates.
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.goto('/board');
  await expect(page.getByTestId('board-total')).toContainText('共 2 份申报');
  await page.getByRole('button', { name: '全部进入答辩评审' }).click();
  await expect(page.getByTestId('stage-done')).toContainText('2 份申报已进入答辩评审');
  // A defense panel of three experts (expert.ma, who worked at 银川塞上机床 until 2024, is not on it).
  await page.goto('/panels');
  await page.getByLabel('评审组名称').fill('装备制造类答辩评审组');
  await page.getByLabel('职业组别').fill('装备制造');
  const expertsList = page.getByTestId('panel-experts');
  for (const name of ['张立新', '李国华', '王淑芬']) {
    await expertsList.locator('li', { hasText: name }).getByRole('checkbox').check();
  }
  await expertsList.locator('li', { hasText: '张立新' }).getByRole('radio').check();
  const candidatesList = page.getByTestId('panel-candidates');
  for (const id of [ycId, wz.id]) {
    await candidatesList.locator('li', { hasText: `#${id} ` }).getByRole('checkbox').check();
  }
  await page.getByRole('button', { name: '组建评审组' }).click();
  await expect(page.getByText('已组建评审组“装备制造类答辩评审组”，0 张评分表因利益冲突自动回避。')).toBeVisible();
  await login.signOut();

  // Each expert scores both candidates and signs (their tablets are exercised in scoring.spec.ts).
  const sheetsOf: Record<string, Record<number, number[]>> = {
    'expert.zhang': { [ycId]: [22.5, 18, 17, 13, 18], [wz.id]: [21, 17, 16, 12, 18] },
    'expert.li': { [ycId]: [22, 17.5, 17, 13, 17.5], [wz.id]: [21, 16.5, 16, 12, 17.5] },
    'expert.wang': { [ycId]: [23, 18.5, 17.5, 13, 18], [wz.id]: [21.5, 17, 16.5, 12, 18] },
  };
  const signature = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(160)}`;
  let panelId = 0;
  for (const [expert, byApp] of Object.entries(sheetsOf)) {
    await login.signIn(expert);
    await login.expectHome('expert');
    const panels = await api(page, 'GET', '/api/panels');
    panelId = panels[0].id;
    const panel = await api(page, 'GET', `/api/panels/${panelId}`);
    const me = (await api(page, 'GET', '/api/auth/me')).user.id;
    const changes = [];
    const signs = [];
    for (const sheet of panel.sheets.filter((s: { expert_id: number }) => s.expert_id === me)) {
      const cand = panel.candidates.find((c: { id: number }) => c.id === sheet.candidate_id);
      const values = byApp[cand.application_id];
      panel.rubric.items.forEach((item: { key: string }, i: number) => {
        changes.push({ id: `${expert}-${sheet.id}-${item.key}`, sheet_id: sheet.id, item: item.key, value: values[i], client_at: new Date().toISOString() });
      });
      signs.push({ id: `${expert}-${sheet.id}-sign`, sheet_id: sheet.id, signature, client_at: new Date().toISOString() });
    }
    const result = await api(page, 'POST', '/api/scoring/sync', { changes, signs });
    expect(result.rejected).toEqual([]);
    await login.signOut();
  }

  // The chair closes scoring: the ranking shows every raw score, and the aggregates become the
  // applications' defense scores.
  await login.signIn('expert.zhang');
  await login.expectHome('expert');
  await page.goto(`/panels/${panelId}`);
  await expect(page.getByTestId('progress')).toContainText('6 / 6');
  await page.getByRole('button', { name: '结束评分并汇总排名' }).click();
  const ranking = page.getByTestId('ranking');
  await expect(ranking.locator('tbody tr').first()).toContainText('马建军技能大师工作室');
  await expect(ranking.locator('tbody tr').first()).toContainText('88.5');
  await expect(ranking.locator('tbody tr').nth(1)).toContainText('84.0');
  await login.signOut();

  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.goto(`/applications/${ycId}`);
  await expect(page.getByTestId('defense-score')).toHaveText('88.5');

  // 差额: more are inspected than will be selected, so one candidate alone is refused on the page
  // before it is sent; two are inspected in ranking order, and at most one may then be proposed.
  await page.goto('/board');
  const defended = page.getByTestId('defended');
  await defended.locator('li', { hasText: `#${ycId} ` }).getByRole('checkbox').check();
  await expect(page.getByTestId('slots-check')).toContainText('至少考察 2 名');
  await expect(page.getByRole('button', { name: '确定考察名单' })).toBeDisabled();
  await defended.locator('li', { hasText: `#${wz.id} ` }).getByRole('checkbox').check();
  await expect(page.getByTestId('slots-check')).toContainText('最多可拟入选 1 名');
  await page.getByRole('button', { name: '确定考察名单' }).click();
  await expect(page.getByTestId('stage-done')).toContainText('2 名候选进入实地考察');

  // Inspection outcomes: 银川 passes, 吴忠 does not.
  await page.goto(`/applications/${ycId}`);
  await page.getByRole('button', { name: '考察通过' }).click();
  await expect(page.getByText('通过', { exact: true })).toBeVisible();
  await page.goto(`/applications/${wz.id}`);
  await page.getByRole('button', { name: '考察未通过' }).click();
  await expect(page.getByRole('alert')).toContainText('未通过时须填写考察意见');
  await page.getByLabel('考察意见（未通过时必填）').fill('实训场地尚未落实，带徒制度不健全。');
  await page.getByRole('button', { name: '考察未通过' }).click();
  await expect(page.getByText('未通过（实训场地尚未落实，带徒制度不健全。）')).toBeVisible();

  // Public notice from today; its end date is computed in working days. In a year whose State
  // Council schedule is not entered yet the page says so and where HRSS enters it; the test then
  // enters a (fictional) schedule for the years the notice runs through, as HRSS would.
  await page.goto('/board');
  await page.getByLabel('公示开始日期').fill(TODAY);
  const noticeEnd = page.getByTestId('notice-end');
  await expect(noticeEnd).toContainText(/公示期 5 个工作日，截止|尚未录入/);
  if ((await noticeEnd.textContent())?.includes('尚未录入')) {
    await expect(noticeEnd).toContainText('/admin/holidays');
    for (const year of new Set([YEAR, Number(addDays(TODAY, 14).slice(0, 4))])) {
      await page.goto('/admin/holidays');
      await page.locator('input[name=year]').fill(String(year));
      await page.locator('textarea[name=days]').fill(`${year}-10-02 off 国庆节（测试数据，非正式安排）`);
      await page.getByRole('button', { name: '保存' }).click();
      await expect(page.locator('p.ok[role=status]')).toContainText(`${year} 年的安排已保存`);
    }
    await page.goto('/board');
    await page.getByLabel('公示开始日期').fill(TODAY);
  }
  await expect(noticeEnd).toContainText('公示期 5 个工作日，截止');
  await page.getByRole('button', { name: '发布公示' }).click();
  await expect(page.getByTestId('stage-done')).toContainText('已发布公示');
  await login.signOut();

  // Anyone (no sign-in) sees the notice and objects.
  const visitor = await browser.newContext({ baseURL: server.baseURL });
  const pub = await visitor.newPage();
  await pub.goto('/notice');
  const notice = pub.getByTestId('notice').first();
  await expect(notice).toHaveAttribute('data-open', 'true');
  await expect(notice).toContainText('马建军技能大师工作室');
  await expect(notice).not.toContainText('马海涛');
  await notice.getByText('提出异议').click();
  await notice.getByRole('button', { name: '提交异议' }).click();
  await expect(notice.getByRole('alert').first()).toContainText('请填写姓名');
  await notice.getByLabel('异议对象').selectOption({ label: '马建军技能大师工作室（银川塞上机床制造有限公司）' });
  await notice.getByLabel('姓名', { exact: true }).fill('王明');
  await notice.getByLabel('联系方式（电话或邮箱）').fill('13900000000');
  await notice.getByLabel('异议内容及依据').fill('该带头人是否仍在生产一线，请核实。');
  await notice.getByRole('button', { name: '提交异议' }).click();
  await expect(notice.getByTestId('objection-receipt')).toContainText('异议已收到');
  await visitor.close();

  // HRSS cannot approve during the notice.
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.goto(`/applications/${ycId}`);
  await page.getByRole('button', { name: '批准建设' }).click();
  await expect(page.getByRole('alert')).toContainText('公示期未满');

  // The objection is checked and resolved on the board.
  await page.goto('/board');
  const objection = page.getByTestId('objection').first();
  await expect(objection).toContainText('王明');
  await objection.getByLabel('核查结论').fill('经实地核查，带头人仍在一线带徒，异议不成立。');
  await objection.getByRole('button', { name: '记录处理结果' }).click();
  await expect(page.getByTestId('stage-done')).toContainText('已处理');

  // After the notice (the server's clock moves 20 days; sessions expire with it).
  await server.advanceDays(page.request, 20);
  if (process.env.E2E_DAY) await page.clock.setSystemTime(await server.now());
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');
  await page.goto(`/applications/${ycId}`);
  await page.getByRole('button', { name: '批准建设' }).click();
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'approved');
  await page.getByTestId('studio-link').click();
  await expect(page.getByRole('heading', { name: '马建军技能大师工作室', level: 1 })).toBeVisible();
  await expect(page.getByTestId('entitled')).toHaveText('¥100,000.00');
  await expect(page.getByText(/宁人社工作室〔\d{4}〕\d{3}号/)).toBeVisible();

  // The public list of studios now has it, with its entitlement.
  const publicList = await (await page.request.get('/api/public/studios')).json();
  const listed = publicList.studios.find((s: { name: string }) => s.name === '马建军技能大师工作室');
  expect(listed?.entitlement_fen).toBe(10_000_000);

  // Closing the round: the other candidate is not selected, with the reason.
  await page.goto('/board');
  await page.getByLabel('未入选说明').fill('经答辩评审和实地考察，未列入本年度建设名单。');
  await page.getByRole('button', { name: '结束本轮' }).click();
  await expect(page.getByTestId('stage-done')).toContainText('1 份未入选');
  await page.goto(`/applications/${wz.id}`);
  await expect(page.getByTestId('application-state')).toHaveAttribute('data-state', 'not_selected');

  // The audit trail has every step.
  const audit = await api(page, 'GET', `/api/admin/audit?object_type=application&object_id=${ycId}`);
  const actions = (audit as Array<{ action: string }>).map((e) => e.action);
  for (const a of ['application.submit', 'application.return_for_correction', 'application.recommend',
    'application.start_defense', 'application.defense_score', 'application.select_for_inspection',
    'application.inspection_result', 'application.propose', 'application.approve']) {
    expect(actions).toContain(a);
  }
  await context.close();
});
