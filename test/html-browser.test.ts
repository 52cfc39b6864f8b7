// The HTML report in a real browser: headless Chromium (Debian's package) driven by playwright-core.
// It opens the report from disk with the network off, checks the chart and the counts against the JSON
// report, uses the filters, and saves a screenshot under test-output/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const root = join(import.meta.dirname, '..');

describe.skipIf(!available && !process.env.CI)('HTML report in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dabiao-html-'));
  let browser: Browser;
  let summary: { results: { pass: number; fail: number; unknown: number; not_applicable: number; waived: number }; records: number; rules: { standard: string; rule: string; counts: { unknown: number } }[] };
  /** Unknowns of the rules the sample has no column for: counted, told once, not listed per record. */
  let uncoveredUnknowns = 0;

  beforeAll(async () => {
    const run = await cli(['check', join(root, 'fixtures', 'sample-survey.csv'), '--as-of', '2026-11-22', '-o', join(dir, 'report.html'), '-o', join(dir, 'report.json')]);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: typeof summary; coverage: { standard: string; uncovered: { rule: string }[] }[] };
    summary = report.summary;
    for (const entry of report.coverage) {
      for (const rule of entry.uncovered) uncoveredUnknowns += summary.rules.find((r) => r.standard === entry.standard && r.rule === rule.rule)?.counts.unknown ?? 0;
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders the summary, the chart and the counts of the JSON report, offline', async () => {
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    expect(requests).toEqual([]);

    const counts = await page.locator('#counts').evaluate((el) => ({ ...(el as unknown as { dataset: Record<string, string> }).dataset }));
    expect(counts).toEqual({
      pass: String(summary.results.pass),
      fail: String(summary.results.fail),
      unknown: String(summary.results.unknown),
      notApplicable: String(summary.results.not_applicable),
      waived: String(summary.results.waived),
    });
    const chart = page.locator('#chart-standards');
    expect(await chart.isVisible()).toBe(true);
    const bars = await chart.locator('rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(bars.length).toBe(8 * 3);
    expect(bars.some((width) => width > 0)).toBe(true);
    const box = await chart.boundingBox();
    expect(box?.height).toBeGreaterThan(100);
    // The summary is written last but shown first.
    const summaryTop = (await page.locator('#summary').boundingBox())?.y ?? Infinity;
    const detailsTop = (await page.locator('#details').boundingBox())?.y ?? -Infinity;
    expect(summaryTop).toBeLessThan(detailsTop);

    const rows = await page.locator('tr.result').count();
    expect(uncoveredUnknowns).toBeGreaterThan(0);
    expect(rows).toBe(summary.results.fail + summary.results.unknown - uncoveredUnknowns);
    expect(await page.locator('#shown').textContent()).toBe(String(rows));
    await page.selectOption('select[name=status]', 'fail');
    expect(await page.locator('#shown').textContent()).toBe(String(summary.results.fail));
    expect(await page.locator('tr.result:visible').count()).toBe(summary.results.fail);
    await page.selectOption('select[name=standard]', 'water-town-2013');
    const waterTown = await page.locator('tr.result:visible').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: Record<string, string> }).dataset.standard));
    expect(new Set(waterTown)).toEqual(new Set(['water-town-2013']));
    await page.selectOption('select[name=standard]', '');
    await page.selectOption('select[name=status]', '');

    const output = join(root, 'test-output');
    mkdirSync(output, { recursive: true });
    await page.screenshot({ path: join(output, 'html-report.png'), fullPage: false });
    expect(existsSync(join(output, 'html-report.png'))).toBe(true);
    await context.close();
  }, 60_000);
});
