import {
  expect,
  FIELD_LABELS,
  findingSet,
  LEADER_FLAG_LABELS,
  QUALIFIED_ENTERPRISE,
  summarize,
  test,
  UNIT_FLAG_LABELS,
  type FindingKey,
  type QualifiedEnterpriseOverrides,
  type SelfCheckPage,
} from '../fixtures/self_check_page';

/** Journey 1: a studio leader checks whether they may apply (申报资格自查). */

const ELIGIBILITY_API = '/api/rules/eligibility';

const allTrue = <K extends string>(labels: Record<K, string>): Record<K, boolean> =>
  Object.fromEntries(Object.keys(labels).map((key) => [key, true])) as Record<K, boolean>;

/** The parts of the POST body we know the qualified enterprise must produce. */
function expectedPayload(overrides: QualifiedEnterpriseOverrides = {}) {
  const data = { ...QUALIFIED_ENTERPRISE, ...overrides };
  return {
    level: data.level,
    // The day is never typed: it is the browser's today in Yinchuan (moved by the test's clock).
    ...(overrides.applicationDate ? { application_date: overrides.applicationDate } : {}),
    leader: { birth_date: data.birthDate, ...allTrue(LEADER_FLAG_LABELS) },
    unit: {
      kind: 'enterprise',
      employees: data.employees,
      skilled_employees: data.skilledEmployees,
      ...allTrue(UNIT_FLAG_LABELS),
    },
  };
}

/** Click 服务器核验 and return the JSON body the page posted. */
async function runServerCheck(selfCheck: SelfCheckPage): Promise<unknown> {
  const [request] = await Promise.all([
    selfCheck.page.waitForRequest(
      (req) => req.method() === 'POST' && new URL(req.url()).pathname === ELIGIBILITY_API,
    ),
    selfCheck.serverCheckButton.click(),
  ]);
  return request.postDataJSON();
}

test.describe('申报资格自查', () => {
  test('The server is up and reports healthy.', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
  });

  test('Both / and /self-check open the self-check page in Chinese.', async ({ selfCheck, page }) => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(selfCheck.heading).toContainText('申报资格自查');
    await expect(selfCheck.verdict).toHaveAttribute('data-verdict', /^(incomplete|pass|warning|manual_review|fail)$/);

    await selfCheck.goto('/self-check');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(selfCheck.heading).toContainText('申报资格自查');
  });

  test('@journey A fully qualified enterprise applicant sees a pass verdict.', async ({ selfCheck, page }, testInfo) => {
    await selfCheck.fillQualifiedEnterprise();
    await selfCheck.expectVerdict('pass');
    await selfCheck.expectFinding('enterprise.skilled_share', 'pass');

    await page.screenshot({
      path: `${testInfo.project.outputDir}/screens/self-check-${testInfo.project.name}.png`,
      fullPage: true,
    });

    await test.step('29 of 100 skilled employees is below the required share', async () => {
      await selfCheck.typeInto(FIELD_LABELS.skilledEmployees, '29');
      await selfCheck.expectVerdict('fail');
      await selfCheck.expectFinding('enterprise.skilled_share', 'fail');
    });

    await test.step('typing 30 key by key updates the verdict on every keystroke', async () => {
      const skilled = selfCheck.control(FIELD_LABELS.skilledEmployees);
      await skilled.fill('');
      await skilled.pressSequentially('3'); // 3 of 100
      await expect(skilled).toHaveValue('3');
      await selfCheck.expectVerdict('fail');
      await skilled.pressSequentially('0'); // 30 of 100
      await expect(skilled).toHaveValue('30');
      await selfCheck.expectVerdict('pass');
      await selfCheck.expectFinding('enterprise.skilled_share', 'pass');
    });
  });

  test('@journey The age rule warns the day after the 56th birthday but not on it.', async ({ selfCheck }) => {
    await selfCheck.fillQualifiedEnterprise({ birthDate: '1970-03-01', applicationDate: '2026-03-01' });
    await selfCheck.expectFinding('leader.age', 'pass');
    await selfCheck.expectVerdict('pass');

    await selfCheck.setApplicationDate('2026-03-02');
    await selfCheck.expectFinding('leader.age', 'warning');
    await selfCheck.expectVerdict('warning');
  });

  test('Switching the unit to a public training base asks for manual review.', async ({ selfCheck }) => {
    await selfCheck.fillQualifiedEnterprise();
    await selfCheck.expectVerdict('pass');

    await selfCheck.setUnitKind('training_base');
    await expect(selfCheck.control(FIELD_LABELS.employees)).toHaveCount(0);
    await expect(selfCheck.control(FIELD_LABELS.skilledEmployees)).toHaveCount(0);
    await selfCheck.expectFinding('unit.training_base', 'manual_review');
    await selfCheck.expectVerdict('manual_review');
  });

  test("@journey The browser's verdict equals the server's.", async ({ selfCheck, request }) => {
    const scenarios: { name: string; overrides: QualifiedEnterpriseOverrides }[] = [
      { name: 'qualified enterprise', overrides: {} },
      { name: 'leader one day past 56', overrides: { birthDate: '1970-03-01', applicationDate: '2026-03-02' } },
      { name: 'too few skilled employees', overrides: { skilledEmployees: 29 } },
    ];

    for (const { name, overrides } of scenarios) {
      await test.step(name, async () => {
        await selfCheck.fillQualifiedEnterprise(overrides);
        await expect(selfCheck.verdict).not.toHaveAttribute('data-verdict', 'incomplete');
        const browserVerdict = await selfCheck.currentVerdict();
        const browserFindings = await selfCheck.readFindings();

        // 1. Via the page's own 服务器核验 button.
        const posted = await runServerCheck(selfCheck);
        expect(posted).toMatchObject(expectedPayload(overrides));
        await expect(selfCheck.serverVerdict).toHaveAttribute('data-verdict', browserVerdict!);

        // 2. Directly against the API with the same input.
        const response = await request.post(ELIGIBILITY_API, { data: posted });
        expect(response.status()).toBe(200);
        const body = (await response.json()) as { verdict: string; findings: FindingKey[] };
        expect(body.verdict).toBe(browserVerdict);
        expect(findingSet(body.findings)).toEqual(findingSet(browserFindings));
      });
    }
  });

  test('The verdict is computed without any network request.', async ({ selfCheck, page }) => {
    const apiRequests: string[] = [];
    page.on('request', (req) => {
      const { pathname } = new URL(req.url());
      if (pathname.startsWith('/api/')) apiRequests.push(`${req.method()} ${pathname}`);
    });

    await selfCheck.fillQualifiedEnterprise();
    await selfCheck.expectVerdict('pass');
    await selfCheck.typeInto(FIELD_LABELS.skilledEmployees, '29');
    await selfCheck.expectVerdict('fail');
    await selfCheck.typeInto(FIELD_LABELS.skilledEmployees, '45');
    await selfCheck.expectVerdict('pass');
    await selfCheck.typeInto(FIELD_LABELS.employees, '120');
    await expect(selfCheck.verdict).not.toHaveAttribute('data-verdict', 'incomplete');

    // Grace period for anything debounced (e.g. an autosave) to show up.
    await page.waitForTimeout(500);
    expect(apiRequests, 'no /api/ request while typing').toEqual([]);

    // Only the explicit server check talks to the server.
    await selfCheck.serverCheckButton.click();
    await expect(selfCheck.serverVerdict).toHaveAttribute('data-verdict', /.+/);
    expect(apiRequests).toEqual([`POST ${ELIGIBILITY_API}`]);
  });

  test('Invalid input is named next to its field.', async ({ selfCheck }) => {
    await selfCheck.fillQualifiedEnterprise();
    await selfCheck.expectVerdict('pass');
    await expect(selfCheck.errorOf(FIELD_LABELS.skilledEmployees)).toHaveCount(0);

    await test.step('more skilled employees than employees', async () => {
      await selfCheck.typeInto(FIELD_LABELS.skilledEmployees, '120');
      await selfCheck.expectVerdict('incomplete');
      await expect(selfCheck.errorOf(FIELD_LABELS.skilledEmployees)).toBeVisible();
      await expect(selfCheck.errorOf(FIELD_LABELS.skilledEmployees)).not.toBeEmpty();

      await selfCheck.typeInto(FIELD_LABELS.skilledEmployees, '40');
      await selfCheck.expectVerdict('pass');
      await expect(selfCheck.errorOf(FIELD_LABELS.skilledEmployees)).toHaveCount(0);
    });

    await test.step('missing birth date', async () => {
      await selfCheck.setBirthDate('');
      await selfCheck.expectVerdict('incomplete');
      await expect(selfCheck.errorOf(FIELD_LABELS.birthDate)).toBeVisible();

      await selfCheck.setBirthDate(QUALIFIED_ENTERPRISE.birthDate);
      await selfCheck.expectVerdict('pass');
      await expect(selfCheck.errorOf(FIELD_LABELS.birthDate)).toHaveCount(0);
    });
  });

  test('Typed input survives a reload.', async ({ selfCheck, page }) => {
    await selfCheck.fillQualifiedEnterprise();
    await selfCheck.typeInto(FIELD_LABELS.skilledEmployees, '35');
    await selfCheck.expectVerdict('pass');
    await expect.poll(() => page.evaluate(() => localStorage.length)).toBeGreaterThan(0);

    await selfCheck.reload();

    await expect(selfCheck.control(FIELD_LABELS.level)).toHaveValue('regional');
    await expect(selfCheck.evaluatedOn).toContainText(await selfCheck.page.evaluate(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)));
    await expect(selfCheck.control(FIELD_LABELS.birthDate)).toHaveValue('1975-06-01');
    await expect(selfCheck.control('塞上技能大师')).toBeChecked();
    await expect(selfCheck.control('中华技能大奖')).not.toBeChecked();
    for (const label of Object.values(LEADER_FLAG_LABELS)) {
      await expect(selfCheck.control(label)).toBeChecked();
    }
    await expect(selfCheck.control(FIELD_LABELS.unitKind)).toHaveValue('enterprise');
    await expect(selfCheck.control(FIELD_LABELS.employees)).toHaveValue('100');
    await expect(selfCheck.control(FIELD_LABELS.skilledEmployees)).toHaveValue('35');
    for (const label of Object.values(UNIT_FLAG_LABELS)) {
      await expect(selfCheck.control(label)).toBeChecked();
    }
    await selfCheck.expectVerdict('pass');
  });

  test('The English switch translates the page.', async ({ selfCheck }) => {
    await expect(selfCheck.heading).toContainText('申报资格自查');

    await selfCheck.languageButton('English').click();
    await expect(selfCheck.heading).toContainText('Eligibility self-check');
    await expect(selfCheck.languageButton('中文')).toBeVisible();
    await expect(selfCheck.languageButton('English')).toHaveCount(0);

    await selfCheck.languageButton('中文').click();
    await expect(selfCheck.heading).toContainText('申报资格自查');
    await expect(selfCheck.languageButton('English')).toBeVisible();
  });

  test("A finding's 条文 button shows the article's text.", async ({ selfCheck }) => {
    await selfCheck.fillQualifiedEnterprise();
    await selfCheck.expectVerdict('pass');

    const finding = selfCheck.finding('leader.age');
    await expect(finding.locator('.article')).toHaveText(/第.+条/);
    const articleText = finding.locator('.article-text');
    await expect(articleText).toBeHidden();

    await selfCheck.articleButton('leader.age').click();
    await expect(articleText).toBeVisible();
    await expect(articleText).toHaveText(/\S{4,}/);

    await selfCheck.articleButton('leader.age').click();
    await expect(articleText).toBeHidden();
  });

  test('Keystroke-to-verdict times are measured and logged.', async ({ selfCheck }, testInfo) => {
    test.skip(!!process.env.E2E_DAY, 'timing figures are read on the real clock (a faked one fakes performance.now())');
    await selfCheck.fillQualifiedEnterprise();
    await selfCheck.expectVerdict('pass');
    await selfCheck.clearKeystrokeToVerdictMeasures();

    const skilled = selfCheck.control(FIELD_LABELS.skilledEmployees);
    for (const [text, verdict] of [
      ['29', 'fail'],
      ['30', 'pass'],
      ['55', 'pass'],
      ['12', 'fail'],
      ['40', 'pass'],
    ] as const) {
      await skilled.fill('');
      await skilled.pressSequentially(text);
      await selfCheck.expectVerdict(verdict);
    }

    const durations = await selfCheck.keystrokeToVerdictMeasures();
    expect(durations.length, 'performance.measure("keystroke-to-verdict") entries').toBeGreaterThan(0);
    const { count, p50, max } = summarize(durations);
    const line = `keystroke-to-verdict [${testInfo.project.name}]: n=${count} p50=${p50.toFixed(2)}ms max=${max.toFixed(2)}ms`;
    console.log(line);
    testInfo.annotations.push({ type: 'keystroke-to-verdict', description: line });
    await testInfo.attach('keystroke-to-verdict.json', {
      body: JSON.stringify({ project: testInfo.project.name, count, p50, max, durations }, null, 2),
      contentType: 'application/json',
    });
  });

  test('The form is usable soon after navigation, and the time is logged.', async ({ page }, testInfo) => {
    test.skip(!!process.env.E2E_DAY, 'timing figures are read on the real clock (a faked one fakes performance.now())');
    await page.goto('/self-check');
    await page.waitForSelector('body[data-ready="true"]');
    const ready = await page.evaluate(() => performance.getEntriesByName('app-ready')[0]?.startTime ?? -1);
    expect(ready, 'performance.mark("app-ready") after mounting').toBeGreaterThan(0);
    const line = `navigation-to-usable-form [${testInfo.project.name}]: ${ready.toFixed(0)}ms`;
    console.log(line);
    testInfo.annotations.push({ type: 'navigation-to-usable-form', description: line });

    // The first visit loads the small public bundle, compressed, within the 300 KB budget.
    const loaded = await page.evaluate(() =>
      [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
        const r = e as PerformanceResourceTiming;
        return { name: r.name, bytes: r.transferSize, decoded: r.decodedBodySize };
      }),
    );
    expect(loaded.some((r) => r.name.endsWith('/public_bg.wasm'))).toBeTruthy();
    expect(loaded.some((r) => r.name.endsWith('/app_bg.wasm'))).toBeFalsy();
    const appFiles = loaded.filter((r) => !r.name.includes('/api/'));
    const total = appFiles.reduce((sum, r) => sum + r.bytes, 0);
    const decoded = appFiles.reduce((sum, r) => sum + r.decoded, 0);
    console.log(`first-load-transfer [${testInfo.project.name}]: ${total} bytes on the wire, ${decoded} decoded`);
    expect(total).toBeLessThanOrEqual(300 * 1024);
  });
});
