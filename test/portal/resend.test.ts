import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { startLocalHostProcess, type LocalHostProcess } from '../support/localHostProcess';
import { launchChromium, newBritishContext, withScreenshot } from './browser';
import {
  attributesOf,
  demoApplications,
  insertFailedRows,
  northwind,
  openScreen,
  requestToken,
  runChecksUntilDown,
  setScenario,
  simulatorCalls,
  textsOf,
  waitForGrid,
  type FailedRow,
} from './demoHost';

jest.setTimeout(60_000);

const fieldService = demoApplications.fieldService;

function rowsAt(day: string, rows: [string, 'Live' | 'Test', string][], applicationId = fieldService): FailedRow[] {
  return rows.map(([time, environment, marker]) => ({ timestamp: `${day}T${time}:00.000Z`, applicationId, environment, marker }));
}

const mixedRows = rowsAt('2026-07-01', [
  ['08:00', 'Live', 'mix-L1'],
  ['09:00', 'Test', 'mix-T1'],
  ['10:00', 'Live', 'mix-L2'],
  ['11:00', 'Test', 'mix-T2'],
  ['12:00', 'Live', 'mix-L3'],
]);
const stopRows = rowsAt('2026-07-15', [
  ['08:00', 'Test', 'stop-T3'],
  ['09:00', 'Live', 'stop-L4'],
  ['10:00', 'Live', 'stop-L5'],
]);
const chunkRows = Array.from({ length: 30 }, (_unused, index) => ({
  timestamp: new Date(Date.UTC(2026, 5, 20, 8, index)).toISOString(),
  applicationId: fieldService,
  environment: 'Live' as const,
  marker: `chunk-${index}`,
}));
const outageRows = rowsAt('2026-08-01', [['08:00', 'Live', 'outage-1'], ['09:00', 'Live', 'outage-2']], demoApplications.timesheets);
const matchingRows = Array.from({ length: 60 }, (_unused, index) => ({
  timestamp: new Date(Date.UTC(2026, 5, 10, 8, index)).toISOString(),
  applicationId: fieldService,
  environment: 'Live' as const,
  marker: `matching-${index}`,
}));

/** Records the parsed JSON body of each resend request the page sends from now on. */
function recordResendBodies(page: Page): unknown[] {
  const bodies: unknown[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && request.url().endsWith('/failed-messages/resend')) {
      bodies.push(request.postDataJSON());
    }
  });
  return bodies;
}

async function confirmResend(page: Page, options: { continueOnFailure: boolean }): Promise<void> {
  await page.locator('#resend').click();
  await page.locator('#confirm-dialog').waitFor();
  await page.locator('#continue-on-failure').setChecked(options.continueOnFailure);
  await page.locator('#confirm-send').click();
}

async function waitForResults(page: Page): Promise<void> {
  await page.locator('#results').waitFor();
  await waitForGrid(page);
}

async function outcomeOf(page: Page, id: string): Promise<string | null> {
  return page.locator(`#results-rows tr[data-id="${id}"] .badge`).textContent();
}

describe('resend from the screen', () => {
  let host: LocalHostProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let mixedIds: string[];
  let stopIds: string[];
  let outageIds: string[];
  let chunkIds: string[];

  beforeAll(async () => {
    [host, browser] = await Promise.all([startLocalHostProcess(), launchChromium()]);
    mixedIds = insertFailedRows(host, northwind.slug, northwind.company, mixedRows);
    stopIds = insertFailedRows(host, northwind.slug, northwind.company, stopRows);
    outageIds = insertFailedRows(host, northwind.slug, northwind.company, outageRows);
    insertFailedRows(host, northwind.slug, northwind.company, matchingRows);
    chunkIds = insertFailedRows(host, northwind.slug, northwind.company, chunkRows);
    await setScenario(host, 'northwind-mfs-test', 'rejectBusiness');
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  beforeEach(async () => {
    context = await newBritishContext(browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const screenshotName = () => expect.getState().currentTestName ?? 'resend';

  it('selects every row on the page', async () => {
    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { from: '2026-06-10', to: '2026-06-10' } });
      await page.locator('#page-size').selectOption('50');
      await waitForGrid(page);

      await page.locator('#select-page').check();
      const allChecked = await page.locator('#grid-rows input:checked').count();
      const summaryAll = await page.locator('#selection-summary').textContent();
      await page.locator('#grid-rows input[type="checkbox"]').first().uncheck();

      expect([allChecked, summaryAll]).toEqual([50, '50 rows selected.']);
      expect(await page.locator('#select-page').evaluate((box) => [(box as unknown as { indeterminate: boolean }).indeterminate])).toEqual([true]);
      expect(await page.locator('#selection-summary').textContent()).toBe('49 rows selected.');
      expect(await page.locator('#select-all-matching').textContent()).toBe('Select all 60 matching rows');
      expect(await page.locator('#resend').textContent()).toBe('Resend 49 rows');
    });
  });

  it('pages through matching rows', async () => {
    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { from: '2026-06-10', to: '2026-06-10' } });
      await page.locator('#page-size').selectOption('50');
      await waitForGrid(page);
      const firstPage = await attributesOf(page, '#grid-rows tr', 'data-id');
      await page.locator('#grid-rows input[type="checkbox"]').first().check();

      await page.locator('#next-page').click();
      await waitForGrid(page);
      const secondPage = await attributesOf(page, '#grid-rows tr', 'data-id');

      expect([firstPage.length, secondPage.length]).toEqual([50, 10]);
      expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
      expect(await page.locator('#page-number').textContent()).toBe('Page 2 of 2');
      expect(await page.locator('#next-page').isDisabled()).toBe(true);
      expect(await page.locator('#selection-summary').textContent()).toBe('1 row selected (1 on other pages).');

      await page.locator('#previous-page').click();
      await waitForGrid(page);

      expect(await attributesOf(page, '#grid-rows tr', 'data-id')).toEqual(firstPage);
      expect(await page.locator('#grid-rows input:checked').count()).toBe(1);
    });
  });

  it('sends selected rows in chunks', async () => {
    const bodies = recordResendBodies(page);

    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { from: '2026-06-20', to: '2026-06-20' } });
      await page.locator('#select-page').check();
      await confirmResend(page, { continueOnFailure: false });
      await waitForResults(page);

      expect(bodies).toEqual([
        { ids: chunkIds.slice(0, 25), continueOnFailure: false },
        { ids: chunkIds.slice(25), continueOnFailure: false },
      ]);
      expect(await page.locator('#results-summary').textContent()).toMatch(/^Resend finished: 30 rows sent, 0 failed, 0 skipped\./);
      expect(await page.locator('#grid-rows tr').count()).toBe(0);
    });
  });

  it('resends all matching rows', async () => {
    const bodies = recordResendBodies(page);

    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { from: '2026-06-10', to: '2026-06-10' } });
      await page.locator('#page-size').selectOption('50');
      await waitForGrid(page);
      await page.locator('#select-page').check();
      await page.locator('#select-all-matching').click();
      expect(await page.locator('#selection-summary').textContent()).toBe('All 60 matching rows are selected.');
      await page.locator('#resend').click();
      expect(await page.locator('#confirm-heading').textContent()).toBe('Resend 60 transactions?');
      expect(await page.locator('#confirm-text').textContent()).toContain('in their original order, oldest first');
      await page.locator('#confirm-send').click();
      await waitForResults(page);

      expect(bodies).toEqual([{ filter: { from: '2026-06-09T23:00:00.000Z', to: '2026-06-10T23:00:00.000Z' }, continueOnFailure: false }]);
      expect(await page.locator('#results-summary').textContent()).toMatch(/^Resend finished: 60 rows sent, 0 failed, 0 skipped\./);
      expect(await page.locator('#grid-rows tr').count()).toBe(0);
      expect(await page.locator('#grid-empty').textContent()).toBe('No failed transactions match these filters.');
    });
  });

  it('resends a mix of outcomes', async () => {
    const [, t1, , t2] = mixedIds;

    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { applicationId: fieldService, from: '2026-07-01', to: '2026-07-01' } });
      await page.locator('#select-page').check();
      await confirmResend(page, { continueOnFailure: true });
      await waitForResults(page);

      expect(await page.locator('#results-summary').textContent()).toMatch(/^Resend finished: 3 rows sent, 2 failed, 0 skipped\./);
      expect(await Promise.all(mixedIds.map((id) => outcomeOf(page, id)))).toEqual(['Sent', 'Failed', 'Sent', 'Failed', 'Sent']);
      expect(await page.locator(`#results-rows tr[data-id="${t1}"] .col-error`).textContent()).toContain('Order quantity must be greater than zero.');
      expect(await attributesOf(page, '#grid-rows tr', 'data-id')).toEqual([]);
      expect(await page.locator('#from-date').inputValue()).toBe('2026-07-01');
      const calls = (await simulatorCalls(host)).filter((call) => call.body?.includes('"mix-'));
      expect(calls.map((call) => /mix-\w+/.exec(call.body ?? '')?.[0])).toEqual(['mix-L1', 'mix-T1', 'mix-L2', 'mix-T2', 'mix-L3']);

      await page.locator('#include-resent').check();
      await waitForGrid(page);

      expect(await attributesOf(page, '#grid-rows tr', 'data-id')).toEqual([t2, t1]);
      expect(await textsOf(page, '#grid-rows .resend-note')).toEqual([
        expect.stringContaining('failed again: Order quantity must be greater than zero.'),
        expect.stringContaining('failed again: Order quantity must be greater than zero.'),
      ]);
    });
  });

  it('shows a failed resend and stops', async () => {
    const [t3, l4, l5] = stopIds;

    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { applicationId: fieldService, from: '2026-07-15', to: '2026-07-15' } });
      await page.locator('#select-page').check();
      await confirmResend(page, { continueOnFailure: false });
      await waitForResults(page);

      expect(await page.locator('#results-summary').textContent()).toMatch(/^Resend finished: 0 rows sent, 1 failed, 2 skipped\./);
      expect(await Promise.all([t3, l4, l5].map((id) => outcomeOf(page, id ?? '')))).toEqual(['Failed', 'Skipped', 'Skipped']);
      expect(await page.locator(`#results-rows tr[data-id="${t3}"] .col-error`).textContent()).toMatch(/HTTP 400.*Order quantity must be greater than zero\./);
      expect(await attributesOf(page, '#grid-rows tr', 'data-id')).toEqual([l5, l4]);
      expect(await page.locator('#selection-summary').textContent()).toBe('2 rows selected.');
      expect((await simulatorCalls(host)).filter((call) => call.body?.includes('stop-L')).length).toBe(0);
    });
  });

  it('offers resend anyway during an outage', async () => {
    const token = await requestToken(host, northwind.adminUserId);
    await runChecksUntilDown(host, token, northwind.id, demoApplications.timesheets, 'Live');
    const bodies = recordResendBodies(page);

    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { applicationId: demoApplications.timesheets, environment: 'Live', from: '2026-08-01', to: '2026-08-01' } });
      const banner = page.locator('#connections li', { hasText: 'Mobile Timesheets · Live' });
      await banner.waitFor();
      expect(await banner.locator('.badge').textContent()).toBe('Down');
      expect(await banner.locator('.connection-detail').textContent()).toMatch(/^Down since .+: The Epicor server is not ready \(503\)/);
      expect(await banner.locator('.day-outage').count()).toBeGreaterThan(0);
      expect(await banner.locator('[role="img"]').getAttribute('aria-label')).toMatch(/outages on 1 day/);

      await page.locator('#select-page').check();
      await confirmResend(page, { continueOnFailure: false });
      await page.locator('#outage-dialog').waitFor();
      expect(await page.locator('#outage-list').textContent()).toMatch(/Mobile Timesheets · Live: down since .+The Epicor server is not ready \(503\)/);
      await setScenario(host, 'northwind-timesheets-live', 'healthy');
      await page.locator('#outage-confirm').click();
      await waitForResults(page);

      expect(bodies).toEqual([
        { ids: outageIds, continueOnFailure: false },
        { ids: outageIds, continueOnFailure: false, ignoreOpenOutage: true },
      ]);
      expect(await page.locator('#results-summary').textContent()).toMatch(/^Resend finished: 2 rows sent, 0 failed, 0 skipped\./);
      expect(await page.locator('#grid-rows tr').count()).toBe(0);
    });
  });
});
