import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs. */
export const chromiumPath = '/usr/bin/chromium';
/** Chromium's British English resources (Debian package chromium-l10n): date inputs then show dd/mm/yyyy. */
export const britishLocalePack = '/usr/lib/chromium/locales/en-GB.pak';

const root = join(__dirname, '../..');
const screenshotFolder = join(root, 'test-results');

/** Launches headless Chromium with a British English interface; fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install Debian's chromium ("apt-get install chromium chromium-l10n"; .ci/run does this).`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    // The interface language decides the order of a date input's fields.
    env: { ...process.env, LANGUAGE: 'en_GB', LANG: 'en_GB.UTF-8' },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Creates a browser context set up like a UK user's browser: en-GB, Europe/London.
 * `bypassCSP` is only for injecting axe-core, which is an inline script.
 */
export function newBritishContext(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1400, height: 1000 },
    bypassCSP: options.bypassCSP ?? false,
  });
}

/** Runs a test body; when it fails, saves a full-page screenshot to test-results/<name>.png and rethrows. */
export async function withScreenshot(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    mkdirSync(screenshotFolder, { recursive: true });
    const file = join(screenshotFolder, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/** An axe-core violation, reduced to what a failure message needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page and returns its serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    interface AxeResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    // Typed by hand: the tests compile without the DOM library.
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<AxeResult> }; document: unknown };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
      }));
  });
}
