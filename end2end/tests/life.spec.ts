import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { request as playwrightRequest, type APIRequestContext, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { expect, idNumber, test } from '../fixtures/test';
import { confirmDialogs } from '../fixtures/dialogs';
import { DEMO_PASSWORD, LoginPage } from '../fixtures/login_page';
import { OwnServer } from '../fixtures/own_server';
import { scoreChoicesAndSign } from '../fixtures/scoring_page';

/**
 * 第六章 on a server of its own whose clock moves over three years:
 *
 * - 第十八条: a studio of 固原市高级技工学校 gets money, is made to exit for misused funds, the
 *   unused funds become a return due, finance records the return and the dashboard's returned
 *   figure moves by exactly that amount; the unit's new application fails `ban.reapplication`
 *   although its facts say nothing of an exit, and cannot be submitted.
 * - 第十五条–第十七条: 马建华加工中心操作工技能大师工作室 (approved 2026-11-16, 银川塞上机床)
 *   files its first year's report on time in the form, misses 31 December of the next year (the
 *   notification centre says so), files it late, is assessed for both years (once by HRSS, once by
 *   银川市人社局), fails its end-of-term assessment (限期整改) and, almost a year later, its
 *   re-assessment: the title is revoked.
 *
 * Screenshots for a person to look at go to $E2E_WORK/shots/.
 */
test.describe.configure({ mode: 'serial' });

const DAY = 86_400_000;
const SIGNATURE = `data:image/png;base64,iVBORw0KGgo${'A'.repeat(160)}`;
const LIFE_STUDIO = '马建华加工中心操作工技能大师工作室';
const EXIT_STUDIO = '田文斌汽车维修工技能大师工作室';
const EXPERTS = ['expert.zhang', 'expert.li', 'expert.wang'] as const;

let server: OwnServer;
const ids: { life: number; exit: number; experts: number[] } = { life: 0, exit: 0, experts: [] };
/** The server's first day (before any move) and the year of the studio's first report. */
let firstDay = '';
let Y = 0;

test.beforeAll(async () => {
  test.skip(!OwnServer.available(), 'run through `cargo xtask test` (needs E2E_SERVER_BIN)');
  server = await OwnServer.start('studio-life');
});

test.afterAll(async () => {
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** A signed-in API client of one user (sessions end when the clock moves: make a new one). */
class Actor {
  private constructor(readonly name: string, private readonly ctx: APIRequestContext, private readonly csrf: string, readonly userId: number) {}

  static async as(user: string): Promise<Actor> {
    const ctx = await playwrightRequest.newContext({ baseURL: server.baseURL });
    const r = await ctx.post('/api/auth/login', { data: { username: user, password: DEMO_PASSWORD } });
    if (!r.ok()) throw new Error(`login ${user}: HTTP ${r.status()} ${await r.text()}`);
    const me = await (await ctx.get('/api/auth/me')).json();
    return new Actor(user, ctx, me.csrf_token, me.user.id);
  }

  /** The answer's status and body, whatever the status. */
  async call(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<{ status: number; body: any }> {
    const r = await this.ctx.fetch(path, { method, data, headers: { 'x-csrf-token': this.csrf } });
    return { status: r.status(), body: await r.json().catch(() => null) };
  }

  /** The body of a 2xx answer; anything else throws with the body. */
  async ok(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<any> {
    const { status, body } = await this.call(method, path, data);
    if (status < 200 || status > 299) throw new Error(`${this.name} ${method} ${path}: HTTP ${status} ${JSON.stringify(body)}`);
    return body;
  }

  get = (path: string) => this.ok('GET', path);
  post = (path: string, data: unknown) => this.ok('POST', path, data);
  put = (path: string, data: unknown) => this.ok('PUT', path, data);

  async dispose() {
    await this.ctx.dispose();
  }
}

/** Runs `f` as `user` through the API, then signs out of that client. */
async function as<T>(user: string, f: (a: Actor) => Promise<T>): Promise<T> {
  const a = await Actor.as(user);
  try {
    return await f(a);
  } finally {
    await a.dispose();
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The server's today (its clock + 8 h), as the notification digest states it. */
async function serverToday(): Promise<string> {
  return as('hrss', async (h) => (await h.get('/api/notifications')).as_of as string);
}

/** Moves the server's clock forward to `date` (whole days). Sessions expire: sign in again. */
async function advanceTo(date: string): Promise<void> {
  const today = await serverToday();
  const days = daysBetween(today, date);
  expect(days, `the clock only moves forward (today ${today}, wanted ${date})`).toBeGreaterThan(0);
  const ctx = await playwrightRequest.newContext();
  await server.advanceDays(ctx, days);
  await ctx.dispose();
  expect(await serverToday()).toBe(date);
}

/**
 * A browser context of this project's device on the own server, its clock on the server's day
 * (the client's forms default their dates to the browser's today, as in production).
 */
async function browserOnServerTime(browser: Browser, info: TestInfo): Promise<{ context: BrowserContext; page: Page; login: LoginPage }> {
  const use = info.project.use;
  const context = await browser.newContext({
    baseURL: server.baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: use.viewport,
    userAgent: use.userAgent,
    deviceScaleFactor: use.deviceScaleFactor,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
  });
  await context.clock.install({ time: await server.now() });
  const page = await context.newPage();
  await confirmDialogs(page);
  return { context, page, login: new LoginPage(page) };
}

/** Signs the page in as `user` (whoever was signed in before, or whether the session expired). */
async function signInAs(page: Page, login: LoginPage, user: string, role: string) {
  await page.context().clearCookies();
  await login.signIn(user);
  await login.expectHome(role);
}

async function screenshot(page: Page, info: TestInfo, name: string) {
  const dir = join(process.env.E2E_WORK ?? 'test-results', 'shots');
  mkdirSync(dir, { recursive: true });
  // From the top, so that the sticky header is not drawn over the middle of a full-page shot.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(dir, `${info.project.name}-${name}.png`), fullPage: true });
}

type Item = { key: string; max: number };
type PanelView = {
  id: number; state: string; rubric: { items: Item[] };
  candidates: Array<{ id: number; studio_id: number; computed: Array<{ item: string; score: number; explanation: string }> }>;
  sheets: Array<{ id: number; candidate_id: number; expert_id: number }>;
  ranking: Array<{ score: number; item_means: Record<string, number> }> | null;
};

/**
 * Each of the three experts scores every item of their sheets with `values(expert index, panel)`
 * (in rubric order), optionally comments, and signs; then the chair (张立新) closes the panel.
 */
async function scoreAndClose(panelId: number, values: (expert: number, p: PanelView) => number[], comment?: string, signedInBrowser = 0): Promise<PanelView> {
  for (const [n, expert] of EXPERTS.entries()) {
    if (n < signedInBrowser) continue;
    await as(expert, async (e) => {
      const p: PanelView = await e.get(`/api/panels/${panelId}`);
      const mine = p.sheets.filter((s) => s.expert_id === e.userId);
      expect(mine.length, `${expert}'s sheets on panel ${panelId}`).toBe(1);
      const at = (await server.now()).toISOString();
      const v = values(n, p);
      expect(v.length).toBe(p.rubric.items.length);
      const changes = mine.flatMap((s) => p.rubric.items.map((item, i) => ({ id: randomUUID(), sheet_id: s.id, item: item.key, value: v[i], client_at: at })));
      const comments = comment && n === signedInBrowser ? mine.map((s) => ({ id: randomUUID(), sheet_id: s.id, text: comment, client_at: at })) : [];
      const signs = mine.map((s) => ({ id: randomUUID(), sheet_id: s.id, signature: SIGNATURE, client_at: at }));
      const result = await e.post('/api/scoring/sync', { changes, signs, comments });
      expect(result.rejected).toEqual([]);
    });
  }
  return as('expert.zhang', (chair) => chair.post(`/api/panels/${panelId}/close`, {}));
}

/** The panel body for an assessment of the life studio. */
function panelBody(purpose: 'annual' | 'end_of_term', title: string, sessionOn: string, year?: number) {
  return {
    purpose, ...(year ? { year } : {}), title, session_on: sessionOn,
    chair: ids.experts[0], experts: ids.experts, candidates: [ids.life],
    aggregation: { method: 'mean' },
  };
}

/** "¥1,234,567.89" → 123456789 (fen). */
function fen(text: string | null): number {
  const t = (text ?? '').replace(/[¥,\s]/g, '');
  const [whole, frac = '0'] = t.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

function yuan(f: number): string {
  return `¥${Math.floor(f / 100).toLocaleString('en-US')}.${String(f % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------

test('@journey Set-up: the studios, the experts and the day', async () => {
  firstDay = await serverToday();
  await as('hrss', async (h) => {
    const { studios } = await h.get('/api/studios');
    const life = studios.find((s: { name: string }) => s.name === LIFE_STUDIO);
    const exit = studios.find((s: { name: string }) => s.name === EXIT_STUDIO);
    expect(life, 'the demo studio of 银川塞上机床 approved in 2026').toBeTruthy();
    expect(life.status).toBe('building');
    expect(exit.status).toBe('building');
    expect(exit.unit_name).toBe('固原市高级技工学校');
    ids.life = life.id;
    ids.exit = exit.id;
    const users = await h.get('/api/admin/users');
    ids.experts = EXPERTS.map((u) => users.find((x: { username: string }) => x.username === u).id);
    const l = await h.get(`/api/studios/${ids.life}/life`);
    Y = Number(l.term_start.slice(0, 4));
    expect(l.status).toBe('building');
    expect(l.reports).toEqual([]);
  });
  // The story files the first year's report on time: the demo's 2026 studios must still be in
  // their first calendar year (the demo data's approval years are fixed in server/data).
  expect(firstDay <= `${Y}-12-31`, `today (${firstDay}) must be in ${Y}, the first year of ${LIFE_STUDIO}: refresh server/data/demo-studios.tsv`).toBe(true);
});

test('@journey 第十八条: misused funds — exit, return due, the return on the dashboard, and the 3-year ban', async ({ browser }, info) => {
  test.setTimeout(300_000);
  const today = firstDay;
  const disbursed = 3_000_000; // ¥30,000.00
  const used = 456_789; // ¥4,567.89
  const due = disbursed - used; // ¥25,432.11

  // Money first: finance disburses, the school reports a use.
  await as('finance', (f) => f.post(`/api/studios/${ids.exit}/ledger`, {
    kind: 'disbursement', amount_fen: disbursed, occurred_on: today, description: '首期建设补助',
    voucher_no: `财拨〔${Y}〕固原-7号`, paying_office: '自治区财政厅', purpose: null, reverses: null,
  }));
  await as('gy.jigong', (g) => g.post(`/api/studios/${ids.exit}/ledger`, {
    kind: 'usage', amount_fen: used, occurred_on: today, description: '购置汽车故障诊断仪',
    voucher_no: '', paying_office: '', purpose: 'equipment_and_materials', reverses: null,
  }));
  const before = await as('hrss', (h) => h.get('/api/dashboard'));
  const guyuanBefore = before.rows.find((r: { key: string }) => r.key === 'guyuan').money.returned_fen;

  // HRSS decides the exit on the studio page.
  const { context, page, login } = await browserOnServerTime(browser, info);
  await signInAs(page, login, 'hrss', 'hrss_admin');
  await page.goto(`/studios/${ids.exit}`);
  await expect(page.getByTestId('status-label')).toHaveText('建设中');
  await page.locator('details.exit-form > summary').click();
  await page.locator('select[name=case]').selectOption('funds_misused');
  await expect(page.locator('input[name=decided_on]')).toHaveValue(today);
  await page.locator('textarea[name=evidence]').fill('专项审计发现补助资金被挪用于学校基建，审计报告〔2026〕固审 12 号。');
  await page.getByTestId('exit-submit').click();
  await expect(page.getByTestId('status-label')).toHaveText('已退出');
  const exitBox = page.getByTestId('exit');
  await expect(exitBox).toContainText(`已于 ${today} 决定退出：补助资金被挤占、挪用、截留（第十八条（三））`);
  const threeYears = `${Number(today.slice(0, 4)) + 3}${today.slice(4)}`;
  await expect(exitBox).toContainText(`原则上 ${threeYears} 前不得再次申报`);
  await expect(page.getByTestId('return-due')).toHaveText(`应缴回未使用资金 ${yuan(due)}，已缴回 ¥0.00，尚欠 ${yuan(due)}。`);

  const life = await as('hrss', (h) => h.get(`/api/studios/${ids.exit}/life`));
  expect(life.status).toBe('exited');
  expect(life.exit.case).toBe('funds_misused');
  expect(life.exit.return_due).toBe(due);
  expect(life.exit.outstanding).toBe(due);
  expect(life.reminders.map((r: { kind: string }) => r.kind)).toContain('return_outstanding');

  // No more money goes in; finance sees the return outstanding in its notification centre.
  await as('finance', async (f) => {
    const refused = await f.call('POST', `/api/studios/${ids.exit}/ledger`, {
      kind: 'disbursement', amount_fen: 100_000, occurred_on: today, description: '二期',
      voucher_no: '财拨-拒', paying_office: '自治区财政厅', purpose: null, reverses: null,
    });
    expect(refused.status).toBe(409);
    const digest = await f.get('/api/notifications');
    const ret = digest.reminders.find((r: { kind: string }) => r.kind === 'return_outstanding');
    expect(ret?.items.map((i: { link: string }) => i.link)).toContain(`/studios/${ids.exit}`);
    expect(digest.reminders.every((r: { kind: string }) => r.kind === 'return_outstanding')).toBe(true);

    // Finance records the return of exactly what was due.
    await f.post(`/api/studios/${ids.exit}/ledger`, {
      kind: 'return', amount_fen: due, occurred_on: today, description: '退出工作室缴回未使用补助资金',
      voucher_no: `缴〔${Y}〕固原-1号`, paying_office: '', purpose: null, reverses: null,
    });
    const after = await f.get('/api/notifications');
    const still = after.reminders.find((r: { kind: string }) => r.kind === 'return_outstanding');
    expect(still?.items.map((i: { link: string }) => i.link) ?? []).not.toContain(`/studios/${ids.exit}`);
  });

  const after = await as('hrss', (h) => h.get('/api/dashboard'));
  expect(after.totals.returned_fen - before.totals.returned_fen).toBe(due);
  expect(after.rows.find((r: { key: string }) => r.key === 'guyuan').money.returned_fen - guyuanBefore).toBe(due);
  await page.goto('/dashboard');
  await expect(page.getByTestId('totals').locator('.tile', { hasText: '已缴回' }).locator('strong')).toHaveText(yuan(after.totals.returned_fen));
  await page.goto(`/studios/${ids.exit}`);
  await expect(page.getByTestId('return-due')).toHaveText(`应缴回未使用资金 ${yuan(due)}，已缴回 ${yuan(due)}，尚欠 ¥0.00。`);
  const exitLife = await as('hrss', (h) => h.get(`/api/studios/${ids.exit}/life`));
  expect(exitLife.exit.returned_since).toBe(due);
  expect(exitLife.exit.outstanding).toBe(0);

  // The school applies again within the 3 years, saying nothing of the exit: the server knows.
  let round = (await as('hrss', (h) => h.get('/api/rounds'))).find((r: { opens_on: string; closes_on: string }) => r.opens_on <= today && today <= r.closes_on);
  if (!round) {
    round = await as('hrss', (h) => h.post('/api/rounds', {
      year: Y + 1, title: `${Y + 1}年度技能大师工作室申报`, opens_on: today, closes_on: `${Y + 1}-12-31`, regional_slots: 10, national_slots: 2,
    }));
  }
  const banUntil = life.exit.ban_until as string;
  expect(banUntil).toBe(threeYears);
  await as('gy.jigong', async (g) => {
    const draft = await g.post('/api/applications', {
      round_id: round.id, justifications: {},
      profile: { studio_name: '', leader_name: '田志刚', leader_id_number: idNumber('1978-03-10'), occupation: '汽车维修工', industry: '现代服务业', plan: '三年内培养高级工以上技能人才 20 名，开展新能源汽车维修技术攻关 3 项。' },
      facts: {
        level: 'regional', national_category: null, application_date: today,
        leader: {
          birth_date: '1978-03-10', titles: ['regional_technical_expert'], skill_level: 'technician',
          active_innovation: false, influential_invention: false, economic_benefit: false, unique_skills: false,
          craft_contribution: false, top_skill: true, mentoring_experience: true, healthy: true, can_run_studio: true,
          teacher_qualification: true, integrated_teacher: true, front_line_teaching: true, enterprise_experience: true,
          last_exit_date: null,
        },
        unit: {
          kind: 'school', employees: 1000, skilled_employees: 400, talent_policies: true, funding_and_premises: true,
          training_results: true, has_approved_regional_studio: false, last_exit_date: null,
        },
      },
    });
    const view = await g.get(`/api/applications/${draft.id}`);
    expect(view.facts.unit.last_exit_date).toBeNull();
    const ban = view.eligibility.findings.find((f: { rule: string }) => f.rule === 'ban.reapplication');
    expect(ban, JSON.stringify(view.eligibility.findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity]))).toBeTruthy();
    expect(ban.severity).toBe('fail');
    expect(ban.message_zh).toContain(today);
    expect(ban.message_zh).toContain(banUntil);
    // Nothing else fails: the ban alone decides.
    expect(view.eligibility.findings.filter((f: { severity: string }) => f.severity === 'fail').map((f: { rule: string }) => f.rule)).toEqual(['ban.reapplication']);
    expect(view.eligibility.verdict).toBe('fail');
    const submit = await g.call('POST', `/api/applications/${draft.id}/transition`, { action: 'submit', version: view.version });
    expect(submit.status).toBe(409);
    expect((await g.get(`/api/applications/${draft.id}`)).state).toBe('draft');
    return draft.id;
  });
  await context.close();
});

test('@journey 第十五条: the first year\'s report is filed on time in the form; HRSS\'s annual assessment', async ({ browser }, info) => {
  test.setTimeout(300_000);
  const { context, page, login } = await browserOnServerTime(browser, info);
  await signInAs(page, login, 'yc.saishang', 'applicant');
  await page.goto(`/studios/${ids.life}`);
  await expect(page.getByTestId('status-label')).toHaveText('建设中');
  const reports = page.getByTestId('reports');
  await expect(reports.getByRole('heading', { name: `填报 ${Y} 年度` })).toBeVisible();
  await reports.locator('input[name="figures.training_person_times"]').fill('120');
  await reports.locator('input[name="figures.senior_trained"]').fill('6');
  await reports.locator('input[name="figures.partner_count"]').fill('2');
  await reports.locator('input[name="figures.exchange_staff"]').fill('3');
  await reports.getByLabel('团队成员参加培训或技能竞赛').check();
  await reports.locator('select[name="figures.media_level"]').selectOption('city');
  await reports.locator('input[name="figures.media_evidence"]').fill('银川日报 2026-11-20 第 3 版《五轴加工的“银川经验”》');
  for (const [name, birth] of [['王磊', '1996-04-02'], ['李婷', '1999-09-15']]) {
    await reports.getByRole('button', { name: '＋ 学员' }).click();
    await reports.getByLabel('姓名', { exact: true }).last().fill(name);
    await reports.getByLabel('出生日期').last().fill(birth);
  }
  await reports.getByRole('button', { name: '＋ 讲座' }).click();
  await reports.getByLabel('讲座主题').last().fill('五轴联动加工中心编程');
  await reports.getByLabel('讲座日期').last().fill(`${Y}-11-20`);
  await reports.locator('textarea[name=summary]').fill('带徒 8 名，完成航空件五轴加工工艺攻关 1 项，面向社会培训 120 人次。');
  await reports.locator('textarea[name=plan]').fill('明年培养高级工 10 名，开展讲座 4 次，与 3 所院校合作。');
  await reports.getByTestId('file-report').click();
  const row = reports.locator(`tr[data-year="${Y}"]`);
  await expect(row.locator('td.filing-on_time')).toHaveText('按时报送');
  await expect(row).toContainText(firstDay);
  await expect(row.locator('td.num').first()).toHaveText('120');
  await expect(row.locator('td.num').nth(1)).toHaveText('2'); // both trainees young and senior
  // A filed report is final.
  const again = await as('yc.saishang', (y) => y.call('PUT', `/api/studios/${ids.life}/reports`, {
    year: Y, figures: { training_person_times: 1, senior_trained: 0, partner_count: 0, exchange_staff: 0, team_training: false, media_level: 'none' },
    summary: '改', plan: '改', submit: true,
  }));
  expect(again.status).toBe(409);
  const filed = await as('yc.saishang', (y) => y.get(`/api/studios/${ids.life}/life`));
  expect(filed.reports).toHaveLength(1);
  expect(filed.reports[0]).toMatchObject({ year: Y, filing: 'on_time', filed_on: firstDay, young_senior: 2, lectures: 1 });
  await context.close();

  // January: HRSS assesses the first year; three experts verify the computed items and sign.
  await advanceTo(`${Y + 1}-01-10`);
  const panel = await as('hrss', (h) => h.post('/api/panels', panelBody('annual', `${Y} 年度技能大师工作室考核组（自治区人社厅）`, `${Y + 1}-01-10`, Y)));
  const computed: Record<string, number> = Object.fromEntries(panel.candidates[0].computed.map((c: { item: string; score: number }) => [c.item, c.score]));
  expect(computed).toEqual({ training: 30, senior: 20, partners: 8, exchange: 10, team_training: 10, media: 6, report: 10 });
  const closed = await scoreAndClose(panel.id, (_, p) => p.rubric.items.map((i) => computed[i.key]));
  expect(closed.state).toBe('closed');
  const life = await as('hrss', (h) => h.get(`/api/studios/${ids.life}/life`));
  expect(life.status).toBe('building');
  expect(life.assessments).toHaveLength(1);
  expect(life.assessments[0]).toMatchObject({ kind: 'annual', year: Y, total: 94, grade: { grade: 'excellent' }, outcome: { outcome: 'recorded' } });
  const report = life.assessments[0].items.find((i: { key: string }) => i.key === 'report');
  expect(report).toMatchObject({ score: 10, max: 10 });
  expect(report.explanation).toContain('按时');
});

test('@journey 第十五条: the next year\'s report is overdue on 1 January (notification centre), then filed late; 银川市人社局 assesses that year', async ({ browser }, info) => {
  test.setTimeout(300_000);
  await advanceTo(`${Y + 2}-01-05`);
  const { context, page, login } = await browserOnServerTime(browser, info);
  await signInAs(page, login, 'yc.saishang', 'applicant');
  await page.getByTestId('nav-notifications').click();
  await expect(page).toHaveURL(/\/notifications$/);
  const overdue = page.locator('section.reminder[data-kind=summary_overdue]');
  await expect(overdue).toBeVisible();
  await expect(overdue).toHaveClass(/overdue/);
  await expect(overdue.locator('li')).toHaveCount(1);
  await expect(overdue.locator('li')).toContainText(`${LIFE_STUDIO}：${Y + 1} 年度工作总结和计划`);
  await expect(overdue.locator('li')).toContainText(`期限 ${Y + 1}-12-31`);
  await screenshot(page, info, 'notifications-summary-overdue');
  const digest = await as('yc.saishang', (y) => y.get('/api/notifications'));
  expect(digest.reminders[0].kind).toBe('summary_overdue');

  // From the notice to the studio page: the year is listed as overdue, and the form offers it.
  await overdue.locator('a').first().click();
  await expect(page).toHaveURL(new RegExp(`/studios/${ids.life}$`));
  const reports = page.getByTestId('reports');
  await expect(reports.locator(`tr[data-year="${Y + 1}"] td.filing-missing`)).toHaveText('逾期未报');
  await expect(page.getByTestId('reminders').locator('li[data-kind=summary_overdue]')).toBeVisible();
  const lifeBefore = await as('yc.saishang', (y) => y.get(`/api/studios/${ids.life}/life`));
  expect(lifeBefore.missing_reports).toEqual([Y + 1]);

  await expect(reports.getByRole('heading', { name: `填报 ${Y + 1} 年度` })).toBeVisible();
  await reports.locator('input[name="figures.training_person_times"]').fill('25');
  await reports.locator('input[name="figures.senior_trained"]').fill('6');
  await reports.locator('input[name="figures.partner_count"]').fill('3');
  await reports.locator('input[name="figures.exchange_staff"]').fill('3');
  await reports.getByLabel('团队成员参加培训或技能竞赛').check();
  await reports.locator('select[name="figures.media_level"]').selectOption('regional');
  await reports.locator('input[name="figures.media_evidence"]').fill('宁夏日报专题报道');
  await reports.locator('textarea[name=summary]').fill(`${Y + 1} 年带徒 10 名，完成技术革新 2 项。`);
  await reports.locator('textarea[name=plan]').fill(`${Y + 2} 年完成建设期目标，迎接期满考核。`);
  await reports.getByTestId('file-report').click();
  const row = reports.locator(`tr[data-year="${Y + 1}"]`);
  await expect(row.locator('td.filing-late')).toHaveText('逾期报送');
  await expect(row).toContainText(`${Y + 2}-01-05`);
  await expect(reports.locator(`tr[data-year="${Y}"] td.filing-on_time`)).toHaveText('按时报送');
  await expect(reports.locator('td.filing-missing')).toHaveCount(0);
  const lifeAfter = await as('yc.saishang', (y) => y.get(`/api/studios/${ids.life}/life`));
  expect(lifeAfter.missing_reports).toEqual([]);
  expect(lifeAfter.reports.map((r: { year: number; filing: string }) => [r.year, r.filing])).toEqual([[Y, 'on_time'], [Y + 1, 'late']]);
  expect((await as('yc.saishang', (y) => y.get('/api/notifications'))).reminders.map((r: { kind: string }) => r.kind)).not.toContain('summary_overdue');
  await context.close();

  // A week later 银川市人社局 organises the annual assessment of its studio; the late report
  // scores 5 (附件第7项 迟报).
  await advanceTo(`${Y + 2}-01-12`);
  const panel = await as('yc.bureau', (b) => b.post('/api/panels', panelBody('annual', `${Y + 1} 年度银川市技能大师工作室考核组`, `${Y + 2}-01-12`, Y + 1)));
  const computed: Record<string, number> = Object.fromEntries(panel.candidates[0].computed.map((c: { item: string; score: number }) => [c.item, c.score]));
  expect(computed.report).toBe(5);
  expect(computed.media).toBe(8);
  expect(computed.partners).toBe(10);
  const expected = Object.values(computed).reduce((a, b) => a + b, 0);
  // HRSS-only: the bureau cannot form an end-of-term panel.
  const refused = await as('yc.bureau', (b) => b.call('POST', '/api/panels', panelBody('end_of_term', '越权的期满考核组', `${Y + 2}-01-12`)));
  expect(refused.status).toBe(403);
  await scoreAndClose(panel.id, (_, p) => p.rubric.items.map((i) => computed[i.key]));
  const life = await as('yc.bureau', (b) => b.get(`/api/studios/${ids.life}/life`));
  expect(life.assessments.map((a: { kind: string; year: number }) => [a.kind, a.year])).toEqual([['annual', Y], ['annual', Y + 1]]);
  const second = life.assessments[1];
  expect(second.total).toBe(expected);
  expect(second.items.find((i: { key: string }) => i.key === 'report')).toMatchObject({ score: 5, max: 10 });
  expect(second.items.find((i: { key: string }) => i.key === 'report').explanation).toContain('迟报');
  expect(life.status).toBe('building');
});

test('@journey 第十七条: unqualified at the end of term → 限期整改; unqualified again after a year → 已取消称号', async ({ browser }, info) => {
  test.setTimeout(300_000);
  const start = await as('hrss', (h) => h.get(`/api/studios/${ids.life}/life`));
  const eotDay = addDays(start.term_end, 16);
  await advanceTo(eotDay);

  // The end-of-term assessment: the experts find far less than the report claims.
  const eot = await as('hrss', (h) => h.post('/api/panels', panelBody('end_of_term', `${LIFE_STUDIO}期满考核组`, eotDay)));
  // 附件's fixed scores for a regional studio (training 0 or 27.1–30, senior 18.8–20, partners and
  // exchanges 4–10, team 0/10, media 0/4/6/8/10, report 0/5/10): nothing verified of the training.
  const low = [[0, 19, 4, 4, 10, 6, 0], [0, 19, 4, 4, 10, 8, 0], [0, 19, 4, 4, 10, 10, 0]]; // 43, 45, 47
  // 张立新 scores on the tablet page, which offers exactly 附件's scores; the others sync theirs.
  const { context, page, login } = await browserOnServerTime(browser, info);
  await signInAs(page, login, 'expert.zhang', 'expert');
  await page.goto(`/scoring/${eot.id}`);
  await scoreChoicesAndSign(page, low[0]);
  await screenshot(page, info, 'assessment-sheet');
  const closed = await scoreAndClose(eot.id, (n) => low[n], '培训台账与上报人次不符，合作院校仅 1 家有实际活动。', 1);
  expect(closed.ranking?.[0].score).toBe(45);
  const rectifyUntil = `${Number(eotDay.slice(0, 4)) + 1}${eotDay.slice(4)}`;
  const rect = await as('hrss', (h) => h.get(`/api/studios/${ids.life}/life`));
  expect(rect.status).toBe('rectifying');
  expect(rect.rectification_until).toBe(rectifyUntil);
  const eotResult = rect.assessments.at(-1);
  expect(eotResult).toMatchObject({ kind: 'end_of_term', total: 45, grade: { grade: 'unqualified' }, outcome: { outcome: 'rectify', until: rectifyUntil } });
  expect(eotResult.items.find((i: { key: string }) => i.key === 'training').score).toBe(0);
  expect(eotResult.items.find((i: { key: string }) => i.key === 'media').score).toBe(8);
  expect(eotResult.comments).toEqual(['培训台账与上报人次不符，合作院校仅 1 家有实际活动。']);
  expect(rect.reminders.map((r: { kind: string }) => r.kind)).toContain('rectification_due');

  await signInAs(page, login, 'yc.saishang', 'applicant');
  await page.goto(`/studios/${ids.life}`);
  await expect(page.getByTestId('status-label')).toHaveText('限期整改');
  await expect(page.getByTestId('rectification')).toContainText(`限期整改至 ${rectifyUntil}`);
  await expect(page.getByTestId('assessments').locator('details.assessment[data-kind=end_of_term]')).toContainText('45.0 分');

  // A year later, the day after the rectification period ends (第十七条: re-assessed once it is
  // over), the re-assessment (an end-of-term panel on a rectifying studio) fails too.
  const early = await as('hrss', (h) => h.call('POST', '/api/panels', panelBody('end_of_term', `${LIFE_STUDIO}整改后复核组`, rectifyUntil)));
  expect(early.status).toBe(422);
  const reDay = addDays(rectifyUntil, 1);
  await advanceTo(reDay);
  const re = await as('hrss', (h) => h.post('/api/panels', panelBody('end_of_term', `${LIFE_STUDIO}整改后复核组`, reDay)));
  const still = [[0, 19, 6, 4, 10, 6, 10], [0, 19, 6, 4, 10, 8, 10], [0, 19, 6, 4, 10, 10, 10]]; // 55, 57, 59
  await scoreAndClose(re.id, (n) => still[n]);
  const revoked = await as('hrss', (h) => h.get(`/api/studios/${ids.life}/life`));
  expect(revoked.status).toBe('revoked');
  expect(revoked.assessments.map((a: { kind: string; year: number }) => [a.kind, a.year])).toEqual([
    ['annual', Y], ['annual', Y + 1], ['end_of_term', Number(eotDay.slice(0, 4))], ['re_assessment', Number(reDay.slice(0, 4))],
  ]);
  expect(revoked.assessments.at(-1)).toMatchObject({ total: 57, grade: { grade: 'unqualified' }, outcome: { outcome: 'revoke' } });
  expect(revoked.reminders).toEqual([]);
  // A revoked studio files nothing more (the term's last year: inside the term whatever the day).
  const late = await as('yc.saishang', (y) => y.call('PUT', `/api/studios/${ids.life}/reports`, {
    year: Number(start.term_end.slice(0, 4)), figures: { training_person_times: 1, senior_trained: 0, partner_count: 0, exchange_staff: 0, team_training: false, media_level: 'none' },
    summary: '总结', plan: '计划', submit: true,
  }));
  expect(late.status).toBe(409);

  await signInAs(page, login, 'hrss', 'hrss_admin');
  await page.goto(`/studios/${ids.life}`);
  await expect(page.getByTestId('status-label')).toHaveText('已取消称号');
  const list = page.getByTestId('assessments');
  await expect(list.locator('details.assessment')).toHaveCount(4);
  await expect(list.locator('details.assessment[data-kind=annual]')).toHaveCount(2);
  await expect(list.locator('details.assessment[data-kind=end_of_term]')).toHaveCount(1);
  await expect(list.locator('details.assessment[data-kind=re_assessment]')).toHaveCount(1);
  await expect(list.locator('details.assessment[data-kind=re_assessment] summary')).toContainText('57.0 分');
  await expect(list.locator('details.assessment[data-kind=re_assessment] summary')).toContainText('取消项目称号');
  await list.locator('details.assessment[data-kind=end_of_term] summary').click();
  await expect(list.locator('details.assessment[data-kind=end_of_term]')).toContainText('培训台账与上报人次不符');
  await expect(page.getByTestId('rectification')).toHaveCount(0);
  await expect(page.getByTestId('reports').locator('form.report-form')).toHaveCount(0);
  await screenshot(page, info, 'revoked-studio');
  await context.close();
});
