import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Page, type TestInfo } from '@playwright/test';
import { expect, idNumber, test } from '../fixtures/test';
import { LoginPage } from '../fixtures/login_page';
import { api } from '../fixtures/own_server';
import { scoreAndSign } from '../fixtures/scoring_page';

/**
 * The demo on any day (issue #14): whatever the server's date, a newcomer finds this year's call
 * open, studios approved over the years before it, a round in flight with applications at every
 * stage, and an expert's tablet with a panel part-way through scoring. `cargo xtask test` runs
 * this on the real date and on fixed days (one in a year without a holiday schedule).
 */
test.describe.configure({ mode: 'serial' });

async function screenshot(page: Page, info: TestInfo, name: string) {
  const dir = join(process.env.E2E_WORK ?? 'test-results', 'shots');
  mkdirSync(dir, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(dir, `${process.env.E2E_DAY ?? 'today'}-${info.project.name}-${name}.png`), fullPage: true });
}

test('@journey The demo on any day: an open round in flight, studios of earlier years, a panel to score', async ({ page }, info) => {
  const today = (await (await page.request.get('/api/health')).json()).today as string;
  const year = Number(today.slice(0, 4));
  const login = new LoginPage(page);
  await login.signIn('hrss');
  await login.expectHome('hrss_admin');

  // This year's call is open today.
  const rounds = await api(page, 'GET', '/api/rounds');
  const open = rounds.find((r: { opens_on: string; closes_on: string }) => r.opens_on <= today && today <= r.closes_on);
  expect(open, `a round open on ${today}`).toBeTruthy();
  expect(open.year).toBe(year);

  // Studios approved before today, the previous year among them.
  const { studios } = await api(page, 'GET', '/api/studios');
  const before = studios.filter((s: { approved_on: string }) => s.approved_on < today || s.approved_on === today);
  expect(before.length).toBeGreaterThanOrEqual(10);
  expect(studios.some((s: { approved_on: string }) => s.approved_on.startsWith(String(year - 1)))).toBe(true);
  expect(new Set(studios.map((s: { status: string }) => s.status))).toEqual(new Set(['building', 'completed', 'rectifying', 'exited']));

  // The board: applications past submission, at every stage of the procedure.
  const board = await api(page, 'GET', `/api/board?round_id=${open.id}&per_page=200`);
  const states = new Set(board.rows.map((r: { state: string }) => r.state));
  for (const s of ['submitted', 'returned', 'recommended', 'defense_review', 'field_inspection']) {
    expect(states, `an application ${s}`).toContain(s);
  }
  const notices = await (await page.request.get('/api/public/notices')).json();
  const covered = (await page.request.get(`/api/calendar/notice-end?start=${today}`)).ok();
  if (covered) {
    // A notice runs from today, with an objection waiting for HRSS.
    expect(states).toContain('proposed');
    expect(notices.some((n: { open: boolean }) => n.open)).toBe(true);
    const objections = await api(page, 'GET', `/api/objections?round_id=${open.id}`);
    expect(objections.some((o: { outcome: string | null }) => o.outcome === null)).toBe(true);
  }
  await page.goto('/board');
  await expect(page.getByTestId('board-total')).toContainText(/共 \d+ 份申报/);
  await screenshot(page, info, 'demo-board');
  await login.signOut();

  // An applicant can start an application in the open round (and withdraws it again).
  await login.signIn('zw.gouqi');
  await login.expectHome('applicant');
  await page.goto('/applications/new');
  await expect(page.getByTestId('evaluated-on')).toContainText(today);
  const draft = await api(page, 'POST', '/api/applications', {
    round_id: open.id, justifications: {},
    profile: { leader_name: '温志强', leader_id_number: idNumber('1980-05-05'), occupation: '农艺工', industry: '现代农业', plan: '示例', studio_name: '' },
    facts: {
      level: 'regional', national_category: null,
      leader: { birth_date: '1980-05-05', titles: ['regional_technical_expert'], skill_level: 'technician', top_skill: true, mentoring_experience: true, healthy: true, can_run_studio: true },
      unit: { kind: 'enterprise', employees: 300, skilled_employees: 120, talent_policies: true, funding_and_premises: true, training_results: true },
    },
  });
  expect(draft.state).toBe('draft');
  expect(draft.evaluated_on).toBe(today);
  await api(page, 'POST', `/api/applications/${draft.id}/transition`, { action: 'withdraw', version: draft.version });
  await login.signOut();

  // expert.zhang chairs a panel still scoring.
  await login.signIn('expert.zhang');
  await login.expectHome('expert');
  const panels = await api(page, 'GET', '/api/panels');
  // (Other journeys may have put expert.zhang on panels of their own.)
  const scoring = panels.find((p: { state: string; i_chair: boolean }) => p.state === 'open' && p.i_chair);
  expect(scoring, 'an open panel chaired by expert.zhang').toBeTruthy();
});

test('@journey The demo on a tablet: expert.zhang finishes the half-scored sheet of the seeded panel', async ({ page }, info) => {
  test.skip(info.project.name !== 'tablet', 'the tablet journey runs on the iPad profile');
  const login = new LoginPage(page);
  await login.signIn('expert.zhang');
  await login.expectHome('expert');
  const panels = await api(page, 'GET', '/api/panels');
  const panel = panels.find((p: { state: string }) => p.state === 'open');
  const view = await api(page, 'GET', `/api/panels/${panel.id}`);
  const me = (await api(page, 'GET', '/api/auth/me')).user.id;
  const mine = view.sheets.filter((s: { expert_id: number }) => s.expert_id === me);
  expect(mine.map((s: { status: string }) => s.status)).toContain('signed');

  await page.goto(`/scoring/${panel.id}`);
  const sheet = page.getByTestId('sheet');
  await expect(sheet.getByTestId('signed')).toBeVisible();
  await screenshot(page, info, 'demo-tablet-signed');
  await page.getByRole('button', { name: '下一位 ›' }).tap();
  await expect(sheet.getByTestId('signed')).toHaveCount(0);
  await scoreAndSign(page, [21.5, 17, 16.5, 12.5, 17]);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-pending', '0');
  await screenshot(page, info, 'demo-tablet-second');
  const after = await api(page, 'GET', `/api/panels/${panel.id}`);
  const signed = after.sheets.filter((s: { expert_id: number; status: string }) => s.expert_id === me && s.status === 'signed');
  expect(signed.length).toBe(2);
});
