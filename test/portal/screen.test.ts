import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startLocalHostProcess, type LocalHostProcess } from '../support/localHostProcess';
import { britishLocalePack, launchChromium, newBritishContext, seriousAccessibilityViolations, withScreenshot } from './browser';
import { attributesOf, demoApplications, expiredToken, insertFailedRows, northwind, openScreen, requestToken, supportUserId, textsOf, waitForGrid, type ScreenGlobals } from './demoHost';

jest.setTimeout(60_000);

const xssPayload = '<img src=x onerror=alert(1)><script>window.__xss=1</script>';

/** Rows on both sides of each daylight-saving change's local-midnight boundaries. */
const boundaryRows = {
  spring: [
    { timestamp: '2026-03-27T23:59:59.000Z', included: false },
    { timestamp: '2026-03-28T00:00:00.000Z', included: true },
    { timestamp: '2026-03-29T22:59:59.000Z', included: true },
    { timestamp: '2026-03-29T23:00:00.000Z', included: false },
  ],
  autumn: [
    { timestamp: '2026-10-23T22:59:59.000Z', included: false },
    { timestamp: '2026-10-23T23:00:00.000Z', included: true },
    { timestamp: '2026-10-26T23:59:59.000Z', included: true },
    { timestamp: '2026-10-27T00:00:00.000Z', included: false },
  ],
};

describe('failed-transactions screen', () => {
  let host: LocalHostProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const boundaryIds: Record<keyof typeof boundaryRows, string[]> = { spring: [], autumn: [] };
  let xssRowId = '';

  beforeAll(async () => {
    [host, browser] = await Promise.all([startLocalHostProcess(), launchChromium()]);
    for (const season of ['spring', 'autumn'] as const) {
      boundaryIds[season] = insertFailedRows(
        host,
        northwind.slug,
        northwind.company,
        boundaryRows[season].map((row, index) => ({ timestamp: row.timestamp, applicationId: demoApplications.fieldService, environment: 'Live', marker: `${season}-${index}` })),
      );
    }
    [xssRowId = ''] = insertFailedRows(host, northwind.slug, northwind.company, [
      {
        timestamp: '2026-09-01T10:00:00.000Z',
        applicationId: demoApplications.fieldService,
        environment: 'Live',
        marker: 'payload',
        responseText: JSON.stringify({ HttpStatus: 400, ReasonPhrase: 'REST API Exception', ErrorMessage: xssPayload, ErrorType: 'Ice.Common.BusinessObjectException' }),
      },
    ]);
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

  const screenshotName = () => expect.getState().currentTestName ?? 'screen';

  it('signs in and lists failures', async () => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await withScreenshot(page, screenshotName(), async () => {
      await page.goto(`${host.url}/`);
      await page.getByRole('button', { name: new RegExp(northwind.adminEmail.replace(/\./g, '\\.')) }).click();
      await page.locator('#screen').waitFor();
      await waitForGrid(page);
      await page.locator('#connections li').first().waitFor();

      const times = await attributesOf(page, '#grid-rows time', 'datetime');
      expect(times.length).toBeGreaterThan(0);
      expect([...times].sort().reverse()).toEqual(times);
      expect(await page.locator('#customer-name').textContent()).toBe('Customer: Northwind Field Services');
      expect(await page.locator('#connections li').count()).toBe(4);
      expect(await page.locator('#grid-summary').textContent()).toMatch(/^\d+ failed transactions? match the filters/);
      expect(page.url()).toMatch(/\/api\/portal\/\?customerId=c0000000-0000-4000-8000-000000000001&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
      expect(problems).toEqual([]);
    });
  });

  it.each([
    ['spring', '28032026', '29032026', '2026-03-28T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
    ['autumn', '24102026', '26102026', '2026-10-23T23:00:00.000Z', '2026-10-27T00:00:00.000Z'],
  ] as const)('filters %s dates across daylight saving', async (season, typedFrom, typedTo, expectedFrom, expectedTo) => {
    if (!existsSync(britishLocalePack)) {
      throw new Error(`${britishLocalePack} is missing, so date inputs do not show dd/mm/yyyy: install Debian's chromium-l10n (.ci/run does this).`);
    }
    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host);

      await page.locator('#from-date').pressSequentially(typedFrom);
      await page.locator('#to-date').pressSequentially(typedTo);
      const requested = page.waitForRequest((request) => request.url().includes('/failed-messages?'));
      await page.getByRole('button', { name: 'Apply filters' }).click();
      const query = new URL((await requested).url()).searchParams;
      await waitForGrid(page);

      expect([query.get('from'), query.get('to')]).toEqual([expectedFrom, expectedTo]);
      const included = boundaryIds[season].filter((_id, index) => boundaryRows[season][index]?.included);
      expect(await attributesOf(page, '#grid-rows tr', 'data-id')).toEqual([...included].reverse());
    });
  });

  it('hides stale rows after an invalid range', async () => {
    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host);
      await page.locator('#from-date').fill('2026-12-04');
      await page.locator('#to-date').fill('2026-12-01');

      await page.getByRole('button', { name: 'Apply filters' }).click();

      expect(await page.locator('#filter-problem').textContent()).toBe('The From date must be on or before the To date.');
      expect(await page.locator('#grid-scroll').isVisible()).toBe(false);
    });
  });

  it('names link values it cannot use', async () => {
    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { customerId: 'c0000000-0000-4000-8000-000000000002', environment: 'Prod', from: 'yesterday' } });

      const notice = await page.locator('#filter-problem').textContent();
      expect(notice).toContain('environment');
      expect(notice).toContain('from');
      expect(notice).toContain('customerId (another customer)');
      expect(await page.locator('#customer-name').textContent()).toContain('Northwind Field Services');
    });
  });

  it('keeps the exact window of a link', async () => {
    const link = {
      customerId: northwind.id,
      applicationId: demoApplications.fieldService,
      environment: 'Live',
      from: '2026-10-23T23:00:00.000Z',
      to: '2026-10-26T23:59:59.000Z',
    };

    await withScreenshot(page, screenshotName(), async () => {
      const requested = page.waitForRequest((request) => request.url().includes('/failed-messages?'));
      await openScreen(page, host, { query: link });
      const query = new URL((await requested).url()).searchParams;

      expect(Object.fromEntries(['applicationId', 'environment', 'from', 'to'].map((name) => [name, query.get(name)]))).toEqual({
        applicationId: link.applicationId,
        environment: 'Live',
        from: link.from,
        to: link.to,
      });
      expect([await page.locator('#from-date').inputValue(), await page.locator('#to-date').inputValue()]).toEqual(['2026-10-24', '2026-10-26']);
      expect(await page.locator('#range-note-text').textContent()).toMatch(/^Showing the time window from the link: 24 Oct 2026, 00:00 to 26 Oct 2026, 23:59\.$/);
      expect(await attributesOf(page, '#grid-rows tr', 'data-id')).toEqual([boundaryIds.autumn[1]]);
    });
  });

  it('lets vendor support choose a customer', async () => {
    await withScreenshot(page, screenshotName(), async () => {
      await page.goto(`${host.url}/api/portal/#access_token=${await requestToken(host, supportUserId)}`);
      await page.locator('#customer').waitFor();
      expect(await page.locator('#page-status').textContent()).toBe('Choose a customer to see their failed transactions.');

      await page.locator('#customer').selectOption({ label: 'Contoso Engineering' });
      await waitForGrid(page);

      expect(await textsOf(page, '#customer option')).toEqual(['Choose a customer', 'Contoso Engineering', 'Fabrikam Plant Hire', 'Northwind Field Services']);
      expect(page.url()).toContain('customerId=c0000000-0000-4000-8000-000000000002');
      expect(await page.locator('#grid-rows tr').count()).toBeGreaterThan(0);
      expect(await page.locator('#account-name').textContent()).toBe('Vendor Support (Vendor support)');
    });
  });

  it('shows an HTML payload as text', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await withScreenshot(page, screenshotName(), async () => {
      await openScreen(page, host, { query: { from: '2026-09-01', to: '2026-09-01' } });

      const errorCell = page.locator(`#grid-rows tr[data-id="${xssRowId}"] .error-text`);
      expect(await errorCell.textContent()).toBe(xssPayload);
      expect(await page.locator('#grid-rows img, #grid-rows script').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as unknown as ScreenGlobals).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
    });
  });

  it('asks to sign in again when the token expired', async () => {
    const token = await expiredToken(host, northwind.adminUserId, northwind.id);

    await withScreenshot(page, screenshotName(), async () => {
      await page.goto(`${host.url}/api/portal/#access_token=${token}`);
      await page.locator('#sign-in-problem').waitFor();
      // The demo users arrive by a request of their own, after the problem is shown.
      await page.locator('#demo-users .demo-user-name').first().waitFor();

      expect(await page.locator('#sign-in-problem').textContent()).toMatch(/no longer valid.*expired/);
      expect(await page.locator('#screen').isHidden()).toBe(true);
      expect(await textsOf(page, '#demo-users .demo-user-name')).toContain('Olivia Hart');
      expect(page.url()).not.toContain('access_token');
      expect(await page.evaluate(() => (globalThis as unknown as ScreenGlobals).sessionStorage.length)).toBe(0);
    });
  });

  it('has no serious axe violations', async () => {
    const axeContext = await newBritishContext(browser, { bypassCSP: true });
    const axePage = await axeContext.newPage();
    try {
      await withScreenshot(axePage, screenshotName(), async () => {
        await axePage.goto(`${host.url}/api/portal/`);
        await axePage.locator('#demo-users button').first().waitFor();
        const onSignIn = await seriousAccessibilityViolations(axePage);
        await openScreen(axePage, host);
        await axePage.locator('#connections li').first().waitFor();
        const onScreen = await seriousAccessibilityViolations(axePage);
        await axePage.locator('#grid-rows input[type="checkbox"]').first().check();
        await axePage.locator('#resend').click();
        await axePage.locator('#confirm-dialog').waitFor();
        const inDialog = await seriousAccessibilityViolations(axePage);

        expect({ onSignIn, onScreen, inDialog }).toEqual({ onSignIn: [], onScreen: [], inDialog: [] });
        expect(await axePage.evaluate(() => (globalThis as unknown as ScreenGlobals).document.activeElement?.id)).toBe('confirm-cancel');
      });
    } finally {
      await axeContext.close();
    }
  });
});
