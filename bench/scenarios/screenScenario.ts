import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { z } from 'zod';
import { replaceWithFailedRows, screenCustomer } from '../fixtures/screenRows';
import { startLocalHostProcess } from '../support/localHostProcess';
import { repositoryRoot } from '../support/paths';
import { baselinePage } from './screenBaselinePage';

/** Figures of the screen in Chromium, one sample per fresh browser context. */
export interface ScreenReport {
  rows: number;
  /** Rows of the first page at the screen's default page size. */
  firstPageRows: number;
  /** Time from navigation start to the first page's rows in the grid, in milliseconds. */
  firstRenderMs: number[];
  /** Time from navigation start to the end of the failed-messages API response, in milliseconds. */
  apiResponseMs: number[];
  /** Times of the baseline, a bare page on the same origin that fetches the same page and writes a plain table, in milliseconds. */
  baselineMs: number[];
  /** Rows of the largest page the screen offers. */
  largePageRows: number;
  /** Time from choosing the largest page size to its rows in the grid, in milliseconds. */
  largePageMs: number[];
}

/** Outcome of the screen scenario: its figures, or the reason it was not measured. */
export type ScreenOutcome = { measured: true; report: ScreenReport } | { measured: false; reason: string };

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const firstPageSize = 100;
const largePageSize = 500;
const tokenSchema = z.object({ token: z.string() });
const numberSchema = z.number();
const resourceTimingsSchema = z.array(z.looseObject({ name: z.string(), responseEnd: z.number() }));

/** Waits, checking every animation frame, until the page shows at least `count` rows matching `selector`, and returns the page's `performance.now()` at that frame. */
async function rowsShownAt(page: Page, selector: string, count: number): Promise<number> {
  const handle = await page.waitForFunction(
    ([rowSelector, minimum]) => (document.querySelectorAll(rowSelector).length >= minimum ? performance.now() : false),
    [selector, count] as const,
    { polling: 'raf', timeout: 60_000 },
  );
  return numberSchema.parse(await handle.jsonValue());
}

async function measureScreen(browser: Browser, url: string, token: string, rows: number): Promise<{ firstRenderMs: number; apiResponseMs: number; largePageMs: number }> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}/api/portal/#access_token=${encodeURIComponent(token)}`, { waitUntil: 'commit' });
    let firstRenderMs: number;
    try {
      firstRenderMs = await rowsShownAt(page, '#grid-rows tr', Math.min(firstPageSize, rows));
    } catch (error) {
      const status = await page.textContent('#page-status').catch(() => null);
      throw new Error(`The screen did not show the failed transactions: ${error instanceof Error ? error.message : String(error)}; status "${status ?? ''}"; page errors: ${errors.join('; ') || 'none'}`);
    }
    const resources = resourceTimingsSchema.parse(await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.toJSON() as unknown)));
    const apiResponseMs = resources.find((entry) => entry.name.includes('/failed-messages'))?.responseEnd ?? 0;
    const startedAt = numberSchema.parse(
      await page.evaluate((size) => {
        const select = document.getElementById('page-size');
        if (!(select instanceof HTMLSelectElement)) {
          throw new Error('The screen has no #page-size select.');
        }
        const started = performance.now();
        select.value = String(size);
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return started;
      }, largePageSize),
    );
    const largeShownAt = await rowsShownAt(page, '#grid-rows tr', Math.min(largePageSize, rows));
    return { firstRenderMs, apiResponseMs, largePageMs: largeShownAt - startedAt };
  } finally {
    await context.close();
  }
}

async function measureBaseline(browser: Browser, url: string, token: string, customerId: string, rows: number): Promise<number> {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
  try {
    const page = await context.newPage();
    // Served by Playwright on the host's origin, so the page calls the API as the screen does.
    await page.route(`${url}/bench-baseline.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: baselinePage(customerId, firstPageSize) }));
    await page.goto(`${url}/bench-baseline.html#access_token=${encodeURIComponent(token)}`, { waitUntil: 'commit' });
    return await rowsShownAt(page, '#rows tr', Math.min(firstPageSize, rows));
  } finally {
    await context.close();
  }
}

/**
 * Opens the screen in Chromium against a local host child process whose
 * demo customer has `rows` failed transactions, `runs` times in fresh browser
 * contexts, signed in by a token in the URL fragment as the License Portal
 * does. Not measured when the screen or Chromium is missing.
 */
export async function runScreenScenario(workDirectory: string, rows: number, runs: number): Promise<ScreenOutcome> {
  if (!existsSync(join(repositoryRoot, 'src/portal/static/index.html'))) {
    return { measured: false, reason: 'the screen (src/portal/static/index.html) does not exist yet' };
  }
  if (!existsSync(chromiumPath)) {
    return { measured: false, reason: `Chromium is not installed at ${chromiumPath} (install Debian's chromium package)` };
  }
  const stateDirectory = join(workDirectory, 'screen');
  const host = await startLocalHostProcess(stateDirectory);
  let browser: Browser | undefined;
  try {
    const customer = screenCustomer();
    replaceWithFailedRows(join(stateDirectory, 'data', `customer-${customer.slug}.db`), customer.company, rows);
    const tokenResponse = await fetch(`${host.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: customer.userId }) });
    if (tokenResponse.status !== 200) {
      throw new Error(`POST ${host.url}/local/token returned status ${tokenResponse.status}, expected 200: the demo administrator ${customer.userId} should get a token.`);
    }
    const { token } = tokenSchema.parse(await tokenResponse.json());

    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    const report: ScreenReport = { rows, firstPageRows: Math.min(firstPageSize, rows), firstRenderMs: [], apiResponseMs: [], baselineMs: [], largePageRows: Math.min(largePageSize, rows), largePageMs: [] };
    // One unmeasured round first: the host's first requests load and compile its code paths.
    await measureScreen(browser, host.url, token, rows);
    await measureBaseline(browser, host.url, token, customer.id, rows);
    for (let run = 0; run < runs; run += 1) {
      // Alternating which goes first spreads any drift of the machine over both.
      if (run % 2 === 1) {
        report.baselineMs.push(await measureBaseline(browser, host.url, token, customer.id, rows));
      }
      const screen = await measureScreen(browser, host.url, token, rows);
      report.firstRenderMs.push(screen.firstRenderMs);
      report.apiResponseMs.push(screen.apiResponseMs);
      report.largePageMs.push(screen.largePageMs);
      if (run % 2 === 0) {
        report.baselineMs.push(await measureBaseline(browser, host.url, token, customer.id, rows));
      }
    }
    return { measured: true, report };
  } finally {
    await browser?.close();
    await host.stop();
    rmSync(stateDirectory, { recursive: true, force: true });
  }
}
