import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { request } from 'undici';
import { z } from 'zod';
import { parseEnv, processEnv } from '@gnbv/platform';
import { DEMO_COMMUNES, DEMO_PROVINCE, type DevTokenOptions } from '@gnbv/ops';
import { startPlatform, type Platform } from './platform';

/*
 * The officers' console in a real browser (Debian's Chromium through playwright-core) against
 * the whole platform with the demo data: sign in (a demo role, then a pasted token), a
 * province's dashboard for 2025 whose figures must equal the GraphQL answer fetched directly,
 * a CSV and an Excel export, a commune's households, an error shown as such, and the GraphiQL
 * explorer running a query. Screenshots go to test/artifacts/ (git-ignored).
 */

const CHROMIUM = '/usr/bin/chromium';
const REPO = resolve(__dirname, '..', '..');
const DIST = join(REPO, 'gateway', 'console', 'dist');
const ARTIFACTS = join(REPO, 'test', 'artifacts');
const { REQUIRE_BROWSER } = parseEnv(z.object({ REQUIRE_BROWSER: z.enum(['0', '1']).default('0') }), processEnv());

const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && REQUIRE_BROWSER === '1') {
  throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install -y chromium`);
}
if (!hasBrowser) {
  console.warn(
    `\n${'!'.repeat(78)}\n!! console.browser.test.ts SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium).\n` +
      `!! Set REQUIRE_BROWSER=1 to make this a failure.\n${'!'.repeat(78)}\n`,
  );
}
const describeBrowser = hasBrowser ? describe : describe.skip;

const PROVINCE = DEMO_PROVINCE.code;
const COMMUNE = DEMO_COMMUNES[0].code;
const YEAR = 2025;
const LABOR_PROVINCE: DevTokenOptions = { agency: 'labor', roles: ['officer'], scope: [PROVINCE] };
const ANALYST: DevTokenOptions = { agency: 'steering-committee', roles: ['analyst'], scope: ['VN'] };

let platform: Platform;
let gateway: { url: string; stop(): Promise<void> };
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

/** The console must be built: build it if it is missing (the same command as `npm run build`). */
function ensureConsoleBuilt() {
  if (existsSync(join(DIST, 'index.html'))) return;
  try {
    execFileSync('npm', ['run', 'build', '-w', '@gnbv/console'], { cwd: REPO, stdio: 'pipe', timeout: 300_000 });
  } catch (error) {
    throw new Error(`the console is not built and building it failed; run \`npm run build\`: ${String(error)}`);
  }
}

beforeAll(async () => {
  if (!hasBrowser) return;
  ensureConsoleBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  platform = await startPlatform();
  // The demo roles need the development issuer's private key of this run (the default is .data/keys).
  gateway = await platform.startGateway({
    GATEWAY_DEMO_ROLES: 'true',
    AUTH_DEV_ISSUER_PRIVATE_KEY_FILE: platform.keyFiles.issuerPrivate,
  });
  base = gateway.url.replace(/\/graphql$/, '');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, locale: 'vi-VN' });
  page = await context.newPage();
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await platform?.stop();
});

const vi = {
  int: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
  percent: new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  vnd: new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }),
};

/** A cell of a dashboard table: its raw value (data-value) and the text shown. */
async function cell(table: string, row: string, column: string) {
  const locator = page.getByTestId(`${table}-${row}-${column}`);
  return { value: (await locator.getAttribute('data-value')) ?? '', text: (await locator.innerText()).trim() };
}

async function signInWithDemoRole(role: string, purpose: string) {
  await page.goto(`${base}/`);
  await page.getByTestId('demo-roles').waitFor();
  await page.getByTestId('purpose-select').selectOption(purpose);
  await page.getByTestId('demo-role-select').selectOption(role);
  await page.getByTestId('demo-role-submit').click();
  await page.getByTestId('signed-in-as').waitFor();
}

async function openDashboard(province: string, commune: string, year: number) {
  await page.getByTestId('province-select').selectOption(province);
  await page.locator(`[data-testid="commune-select"] option[value="${commune || ''}"]`).waitFor({ state: 'attached' });
  await page.getByTestId('commune-select').selectOption(commune);
  await page.getByTestId('year-select').selectOption(String(year));
  const unit = commune || province;
  await page.locator(`[data-testid="dashboard"][data-unit="${unit}"][data-year="${year}"]`).waitFor();
}

interface Counts {
  total: number;
  poor: number;
  nearPoor: number;
  notReviewed: number | null;
}
interface CountsUnit {
  code: string;
  name: string;
  counts: Counts;
  previousCounts: Counts;
}

describeBrowser('the console in a browser', () => {
  it('a development demo role signs in: the gateway lists the roles and signs a token for the chosen one', async () => {
    await signInWithDemoRole('labor-province-11', 'review');
    const who = await page.getByTestId('signed-in-as').innerText();
    expect(who).toContain('labor officer · 11 · review');
    // The token is in sessionStorage, never localStorage.
    // (A string: the test project has no DOM types; it runs in the page.)
    const stored = await page.evaluate<{ session: string | null; local: string }>(
      '({ session: sessionStorage.getItem("gnbv.token"), local: JSON.stringify(localStorage) })',
    );
    expect(stored.session).toMatch(/^eyJ/);
    expect(stored.local).not.toContain(stored.session as string);
  });

  it("province 11's dashboard for 2025 shows the figures the graph answers, formatted the Vietnamese way", async () => {
    await openDashboard(PROVINCE, '', YEAR);
    const poverty = page.getByTestId('section-poverty');
    await page.getByTestId(`poverty-table-${PROVINCE}-households`).waitFor();
    const source = await poverty.getAttribute('data-source');

    type Expected = {
      households: number;
      poor: number;
      nearPoor: number;
      poorRate: number;
      change: number | null;
      targetMet: boolean | null;
    };
    const expected = new Map<string, Expected>();
    if (source === 'povertyReport') {
      const res = await platform.query(
        `query($code: String!, $year: Int!) { adminUnit(code: $code) { code povertyReport(year: $year) { households poor nearPoor poorRate poorRateChangePoints targetMet }
           children { code povertyReport(year: $year) { households poor nearPoor poorRate poorRateChangePoints targetMet } } } }`,
        { code: PROVINCE, year: YEAR },
        { as: LABOR_PROVINCE },
      );
      expect(res.body.errors).toBeUndefined();
      type R = {
        households: number;
        poor: number;
        nearPoor: number;
        poorRate: number;
        poorRateChangePoints: number | null;
        targetMet: boolean | null;
      };
      const unit = res.body.data?.adminUnit as {
        code: string;
        povertyReport: R;
        children: Array<{ code: string; povertyReport: R }>;
      };
      for (const u of [unit, ...unit.children]) {
        const r = u.povertyReport;
        expected.set(u.code, { ...r, change: r.poorRateChangePoints, targetMet: r.targetMet });
      }
    } else {
      expect(source).toBe('householdCounts');
      const res = await platform.query(
        `query($code: String!) { adminUnit(code: $code) { code name counts: householdCounts(year: ${YEAR}) { total poor nearPoor notReviewed }
           previousCounts: householdCounts(year: ${YEAR - 1}) { total poor nearPoor notReviewed }
           children { code name counts: householdCounts(year: ${YEAR}) { total poor nearPoor notReviewed }
             previousCounts: householdCounts(year: ${YEAR - 1}) { total poor nearPoor notReviewed } } } }`,
        { code: PROVINCE },
        { as: LABOR_PROVINCE },
      );
      expect(res.body.errors).toBeUndefined();
      const unit = res.body.data?.adminUnit as CountsUnit & { children: CountsUnit[] };
      for (const u of [unit, ...unit.children]) {
        const rate = (c: Counts) => (c.poor / c.total) * 100;
        const change = rate(u.counts) - rate(u.previousCounts);
        expected.set(u.code, {
          households: u.counts.total,
          poor: u.counts.poor,
          nearPoor: u.counts.nearPoor,
          poorRate: rate(u.counts),
          change,
          targetMet: change <= -1,
        });
      }
      // The province's figures are its communes' together (an independent check of the graph).
      const sum = (k: 'households' | 'poor' | 'nearPoor') =>
        unit.children.reduce((n, c) => n + (expected.get(c.code)?.[k] ?? 0), 0);
      expect(expected.get(PROVINCE)?.households).toBe(sum('households'));
      expect(expected.get(PROVINCE)?.poor).toBe(sum('poor'));
      expect(expected.get(PROVINCE)?.poor).toBeGreaterThan(0);
    }
    // One row for the province and one per demo commune.
    expect([...expected.keys()].sort()).toEqual([PROVINCE, ...DEMO_COMMUNES.map((c) => c.code)].sort());
    expect(await page.locator('[data-testid^="poverty-table-row-"]').count()).toBe(expected.size);

    for (const [code, e] of expected) {
      const households = await cell('poverty-table', code, 'households');
      expect(Number(households.value)).toBe(e.households);
      expect(households.text).toBe(vi.int.format(e.households));
      expect(Number((await cell('poverty-table', code, 'poor')).value)).toBe(e.poor);
      expect(Number((await cell('poverty-table', code, 'nearPoor')).value)).toBe(e.nearPoor);
      const rate = await cell('poverty-table', code, 'poorRate');
      expect(Number(rate.value)).toBeCloseTo(e.poorRate, 9);
      expect(rate.text).toBe(vi.percent.format(e.poorRate / 100));
      expect(rate.text).toMatch(/^\d+,\d{2}\s?%$/);
      const change = await cell('poverty-table', code, 'change');
      if (e.change === null) expect(change.value).toBe('');
      else expect(Number(change.value)).toBeCloseTo(e.change, 9);
      expect((await cell('poverty-table', code, 'targetMet')).value).toBe(e.targetMet === null ? '' : String(e.targetMet));
    }
    await page.getByTestId('chart-poverty-rate').locator('canvas').waitFor();
    await page.getByTestId('chart-poverty-change').locator('canvas').waitFor();

    // Money: each agency's budget by project, as the graph totals it.
    await page.getByTestId('budget-table').waitFor();
    const money = await platform.query(
      `query($code: String!, $year: Int!) { adminUnit(code: $code) {
         laborBudgetTotals(year: $year) { project allocated disbursed lateLineCount }
         agricultureBudgetTotals(year: $year) { project allocated disbursed lateLineCount }
         cultureInformationBudgetTotals(year: $year) { project allocated disbursed lateLineCount } } }`,
      { code: PROVINCE, year: YEAR },
      { as: LABOR_PROVINCE },
    );
    expect(money.body.errors).toBeUndefined();
    type T = { project: number; allocated: number; disbursed: number; lateLineCount: number };
    const unit = money.body.data?.adminUnit as Record<string, T[]>;
    const totals = [
      ...unit.laborBudgetTotals!.map((t) => ['labor', t] as const),
      ...unit.agricultureBudgetTotals!.map((t) => ['agriculture', t] as const),
      ...unit.cultureInformationBudgetTotals!.map((t) => ['culture-information', t] as const),
    ];
    expect(totals.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid^="budget-table-row-"]').count()).toBe(totals.length);
    for (const [agency, t] of totals) {
      const row = `${agency}-${t.project}`;
      const allocated = await cell('budget-table', row, 'allocated');
      expect(Number(allocated.value)).toBe(t.allocated);
      expect(allocated.text).toBe(vi.vnd.format(t.allocated));
      expect(Number((await cell('budget-table', row, 'disbursed')).value)).toBe(t.disbursed);
      expect(Number((await cell('budget-table', row, 'lateLineCount')).value)).toBe(t.lateLineCount);
    }
    await page.getByTestId('chart-disbursement').locator('canvas').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-dashboard.png'), fullPage: true });
  });

  it('exports the poverty table as CSV (UTF-8 with BOM) and as an Excel workbook, named by unit and year', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('poverty-table-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`ngheo-${PROVINCE}-${YEAR}.csv`);
    const bytes = readFileSync((await csv.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Mã,Đơn vị,Số hộ,Hộ nghèo,Tỷ lệ nghèo (%),Hộ cận nghèo,Tỷ lệ cận nghèo (%),Thay đổi (điểm %) (điểm %/points),Đạt mục tiêu giảm ≥ 1 điểm',
    );
    expect(lines).toHaveLength(1 + 1 + DEMO_COMMUNES.length);
    const province = lines.find((l) => l.startsWith(`${PROVINCE},`))!.split(',');
    expect(province[1]).toBe(DEMO_PROVINCE.name);
    expect(province[2]).toBe((await cell('poverty-table', PROVINCE, 'households')).value);
    expect(province[3]).toBe((await cell('poverty-table', PROVINCE, 'poor')).value);
    expect(Number(province[4])).toBe(Number((await cell('poverty-table', PROVINCE, 'poorRate')).value));

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('poverty-table-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`ngheo-${PROVINCE}-${YEAR}.xlsx`);
    const workbook = readFileSync((await xlsx.path()) as string);
    expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK'); // an OOXML zip
    expect(workbook.toString('latin1')).toContain('xl/worksheets/sheet1.xml');
  });

  it('switches the labels to English and back; numbers stay Vietnamese', async () => {
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('section-poverty').locator('h2').innerText()).resolves.toBe('Multidimensional poverty');
    const rate = await cell('poverty-table', PROVINCE, 'poorRate');
    expect(rate.text).toMatch(/,\d{2}\s?%$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('poverty-table-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`poverty-${PROVINCE}-${YEAR}.csv`);
    await page.getByTestId('language-toggle').click();
    await expect(page.getByTestId('section-poverty').locator('h2').innerText()).resolves.toBe('Nghèo đa chiều');
  });

  it('a commune drills down to its households, a page at a time, as the graph lists them', async () => {
    await openDashboard(PROVINCE, COMMUNE, YEAR);
    await page.getByTestId('households-table').waitFor();
    const res = await platform.query(
      `{ adminUnit(code: "${COMMUNE}") { households(category: POOR, first: 20) { totalCount nodes { code } } } }`,
      {},
      { as: LABOR_PROVINCE },
    );
    const expected = (res.body.data?.adminUnit as { households: { totalCount: number; nodes: Array<{ code: string }> } })
      .households;
    expect(expected.totalCount).toBeGreaterThan(0);
    const shown = await page
      .locator('[data-testid^="households-table-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.replace('households-table-row-', '')));
    expect(shown).toEqual(expected.nodes.map((n) => n.code));
    await expect(
      page.getByTestId('households-table').locator('xpath=ancestor::div[1]/preceding-sibling::div//h3').first().innerText(),
    ).resolves.toContain(String(expected.totalCount));
    await page.getByTestId(`household-link-${expected.nodes[0]!.code}`).click();
    await page.getByTestId('household-detail').getByText(expected.nodes[0]!.code).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-commune.png'), fullPage: true });
  });

  it('a pasted analyst token sees aggregates, and the FORBIDDEN refusal on households is shown with its message', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('token-input').fill(await platform.token(ANALYST));
    await page.getByTestId('purpose-select').selectOption('');
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('signed-in-as').innerText()).resolves.toContain('steering-committee analyst · VN');
    await page.getByTestId('section-households').waitFor();
    const error = page.getByTestId('households-error');
    await error.waitFor();
    await expect(error.getByTestId('error-code').first().innerText()).resolves.toBe('FORBIDDEN');
    expect((await error.getByTestId('error-message').first().innerText()).length).toBeGreaterThan(10);
    // The aggregates are still there.
    await page.getByTestId(`poverty-table-${COMMUNE}-households`).waitFor();
  });

  it('the explorer (GraphiQL, bundled) runs a query with the signed-in token', async () => {
    await page.getByTestId('nav-explorer').click();
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor({ timeout: 30_000 });
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && r.request().postData()?.includes('ProvinceCounts') === true,
    );
    await page.locator('.graphiql-execute-button').click();
    const res = await answer;
    expect(res.status()).toBe(200);
    expect(res.request().headers().authorization).toMatch(/^Bearer eyJ/);
    const body = (await res.json()) as { data: { adminUnit: { name: string } } };
    expect(body.data.adminUnit.name).toBe(DEMO_PROVINCE.name);
    await page.locator('.graphiql-response').getByText(DEMO_PROVINCE.name).first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-explorer.png') });
    // GraphiQL keeps its tabs in localStorage: the token must not be among them.
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain('eyJ');
  });

  it('runs under the strict Content-Security-Policy with no violation and no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describeBrowser('the gateway serving the console', () => {
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await request(`${base}${path}`, { headers });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  };

  it('serves index.html with no-store and a CSP without inline scripts, hashed assets for a year', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-store');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(index.body).not.toMatch(/https?:\/\//);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    const js = await get(asset!);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/explorer', { accept: 'text/html' })).body).toBe(index.body);
  });

  it('refuses paths outside the console directory', async () => {
    for (const path of [
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/assets/%00.js',
      '/.vite/manifest.json',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('"workspaces"');
    }
  });

  it('sends browsers opening /graphql to the explorer', async () => {
    const res = await get('/graphql', { accept: 'text/html' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/explorer');
  });

  it('in production: no explorer and no demo roles (config refuses them), the console itself still served', async () => {
    const production = await platform.startGateway({
      NODE_ENV: 'production',
      AUTH_DEV_ISSUER: 'false',
      AUTH_ISSUERS: JSON.stringify([
        { issuer: 'https://sso.labor.test', agencies: ['labor'], publicKeyFile: platform.keyFiles.issuerPublic },
      ]),
    });
    try {
      const root = production.url.replace(/\/graphql$/, '');
      const at = async (path: string, headers: Record<string, string> = {}) => {
        const res = await request(`${root}${path}`, { headers });
        return { status: res.statusCode, body: await res.body.text() };
      };
      expect((await at('/')).status).toBe(200);
      expect((await at('/explorer', { accept: 'text/html' })).status).toBe(404);
      expect((await at('/graphql', { accept: 'text/html' })).status).not.toBe(302);
      expect((await at('/console/demo-roles')).status).toBe(404);
      expect(JSON.parse((await at('/console/settings')).body)).toMatchObject({
        explorer: false,
        demoRoles: false,
        production: true,
      });
    } finally {
      await production.stop();
    }
  });
});
