import { median } from '../support/stats';
import type { BenchResults } from './benchResults';
import { coldStartFigures } from './figures';
import { formatCount, formatMs, formatRatio, table } from './format';

/** Renders the cold start section. */
export function coldStartSection(results: BenchResults): string {
  const lines = [
    '## 5. Cold start',
    '',
    'Time to load the built entry module and register every function (`node dist/src/local/describeFunctionApp.js`, which times `loadFunctionApp` around `require` of `dist/src/functions/index.js` with `performance.now()`), ' +
      'each run in a fresh process, alternating with the baseline: a fresh process that loads `@azure/functions` alone, timed the same way.',
    '',
  ];
  if (!results.coldStart.ok) {
    lines.push(`Failed: ${results.coldStart.error}`);
    return lines.join('\n');
  }
  const report = results.coldStart.value;
  const figures = coldStartFigures(report);
  lines.push(
    table(
      ['', 'Load (median)', 'Whole process, spawn to exit (median)', 'Runs'],
      [
        [`Entry module, ${formatCount(report.functions.length)} functions registered`, formatMs(figures.entryMs), formatMs(figures.entryProcessMs), formatCount(report.entry.loadMs.length)],
        ['`@azure/functions` alone', formatMs(figures.bareMs), formatMs(figures.bareProcessMs), formatCount(report.bare.loadMs.length)],
        ['Ratio', formatRatio(figures.ratio), formatRatio(figures.entryProcessMs / figures.bareProcessMs), ''],
      ],
    ),
    '',
    `Functions: ${report.functions.join(', ')}.`,
    '',
    'Where the time goes: the dependencies (package.json) that loading the entry pulls in, each loaded alone in a fresh process (median). Their times overlap where they share packages, such as the Azure SDK core.',
    '',
    table(['Package', 'Load alone'], report.packages.map((entry) => [`\`${entry.name}\``, formatMs(entry.loadMs)])),
  );
  return lines.join('\n');
}

/** Renders the screen section. */
export function screenSection(results: BenchResults): string {
  const lines = ['## 6. Screen', ''];
  if (!results.screen.ok) {
    lines.push(`Failed: ${results.screen.error}`);
    return lines.join('\n');
  }
  const outcome = results.screen.value;
  if (!outcome.measured) {
    lines.push(`Not measured: ${outcome.reason}.`);
    return lines.join('\n');
  }
  const report = outcome.report;
  lines.push(
    `The screen served by a local host child process (\`node dist/src/local/main.js\`), whose demo customer's message log was replaced by ${formatCount(report.rows)} failed transactions from the last six days, ` +
      'opened in Chromium (headless, `--disable-gpu`) in a fresh browser context per run (empty cache), signed in with a token in the URL fragment as the License Portal does. ' +
      `First render: from navigation start to the first page's ${formatCount(report.firstPageRows)} rows in the grid (checked every animation frame). ` +
      `Largest page: from choosing ${formatCount(report.largePageRows)} rows per page to those rows in the grid.`,
    '',
    'Baseline: a bare page on the same origin (served by Playwright) that fetches the same page of rows from the API and writes a plain table, with no styles, modules or other requests.',
    '',
    table(
      ['', 'Median', 'Runs'],
      [
        [`Screen: first ${formatCount(report.firstPageRows)} rows shown`, formatMs(median(report.firstRenderMs)), report.firstRenderMs.map(formatMs).join(', ')],
        ['Screen: failed-messages API response complete', formatMs(median(report.apiResponseMs)), report.apiResponseMs.map(formatMs).join(', ')],
        [`Screen: ${formatCount(report.largePageRows)}-row page shown after choosing the page size`, formatMs(median(report.largePageMs)), report.largePageMs.map(formatMs).join(', ')],
        [`Baseline: bare table of ${formatCount(report.firstPageRows)} rows shown`, formatMs(median(report.baselineMs)), report.baselineMs.map(formatMs).join(', ')],
        ['Ratio, first render to baseline', formatRatio(median(report.firstRenderMs) / median(report.baselineMs)), ''],
      ],
    ),
  );
  return lines.join('\n');
}
