// Hostile survey data against every report format: a 20 MiB cell is cut to the same marked prefix
// everywhere instead of copied into every result, text that would drive a terminal, start a Markdown
// link, run in a spreadsheet or forge a GitHub workflow command stays inert, and the JSON report keeps
// `actual` exact up to its caps and flags what it cut.
import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipList, clipText } from '../src/report/clip.js';
import { markdownCell } from '../src/report/escape.js';
import { cli, type CliRun } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dabiao-hostile-'));
const MiB = 1024 * 1024;
const REPORTS = ['report.json', 'report.html', 'report.md', 'report.csv', 'report.sarif', 'junit.xml'] as const;
type ReportName = (typeof REPORTS)[number];

interface JsonResult {
  record: string | null;
  name: string | null;
  region: string | null;
  rule: string;
  status: string;
  actual: unknown;
  actual_clipped?: boolean;
  message: string;
}

interface Outputs {
  reports: Record<ReportName, string>;
  github: CliRun;
  table: CliRun;
}

/** One run writing every report file plus GitHub annotations on stdout, and one run of the terminal table. */
async function everyFormat(survey: string, tag: string, args: string[] = []): Promise<Outputs> {
  const out = mkdtempSync(join(dir, `${tag}-`));
  const github = await cli(['check', survey, ...args, ...REPORTS.flatMap((name) => ['-o', join(out, name)]), '-f', 'github']);
  const table = await cli(['check', survey, ...args, '-f', 'table']);
  const reports = Object.fromEntries(REPORTS.map((name) => [name, readFileSync(join(out, name), 'utf8')])) as Record<ReportName, string>;
  return { reports, github, table };
}

function allText(outputs: Outputs): [string, string][] {
  return [
    ...REPORTS.map((name): [string, string] => [name, outputs.reports[name]]),
    ['github stdout', outputs.github.stdout],
    ['github stderr', outputs.github.stderr],
    ['table stdout', outputs.table.stdout],
    ['table stderr', outputs.table.stderr],
  ];
}

const csvField = (text: string) => `"${text.replace(/"/g, '""')}"`;

describe('clipText and clipList', () => {
  it('keeps a text of up to 200 characters, counted in code points', () => {
    expect(clipText('𠮷'.repeat(200), 'zh')).toBe('𠮷'.repeat(200));
    expect(clipText('𠮷'.repeat(201), 'zh')).toBe(`${'𠮷'.repeat(200)}…（共 201 字符）`);
    expect(clipText(`a${'𠮷'.repeat(200)}`, 'en')).toBe(`a${'𠮷'.repeat(199)}… (201 characters)`);
    expect(clipText('x'.repeat(300), 'en', 10)).toBe('xxxxxxxxxx… (300 characters)');
  });

  it('shows a list up to 2,000 characters and names its length', () => {
    const items = Array.from({ length: 1000 }, (_, i) => `设施${String(i).padStart(3, '0')}`);
    const shown = clipList(items, 'zh');
    // Each entry is 5 characters and a separator: 333 entries fit in 2,000.
    expect(shown).toBe(`${items.slice(0, 333).join('、')}…（共 1000 项）`);
    expect(clipList(['a', 'b'], 'en')).toBe('a, b');
  });
});

describe('markdownCell', () => {
  it('escapes what could start a link, markup or an autolink, and keeps the text readable', () => {
    expect(markdownCell('[点我](javascript:alert(1))')).toBe('\\[点我\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(markdownCell('<script>*x* _y_ `z` ~~s~~ ![i](u) #1 $m$ a|b \\')).toBe('&lt;script&gt;\\*x\\* \\_y\\_ \\`z\\` \\~\\~s\\~\\~ \\!\\[i\\]\\(u\\) \\#1 \\$m\\$ a\\|b \\\\');
    expect(markdownCell('www.evil.example https://evil.example WWW.X.ORG x@evil.example')).toBe('www\\.evil.example https\\://evil.example WWW\\.X.ORG x\\@evil.example');
    expect(markdownCell('第一行\n第二行\r\n第三行 &amp; "q" \'a\'')).toBe('第一行<br>第二行<br>第三行 &amp;amp; &quot;q&quot; &#39;a&#39;');
  });
});

describe('a 20 MiB name cell', () => {
  // 1 + 300 + (20 MiB − 301) code points: 20,971,520, written 𠮷 (two UTF-16 units) where the cut falls.
  const name = `A${'𠮷'.repeat(300)}${'x'.repeat(20 * MiB - 301)}`;
  const shown = `A${'𠮷'.repeat(199)}…（共 20971520 字符）`;
  let outputs: Outputs;

  beforeAll(async () => {
    const survey = join(dir, 'huge-name.csv');
    // An empty facilities column: the facility rules are judged (unknown) and listed under each record.
    writeFileSync(survey, `编号,名称,级别,所属区域,设施\nA,${name},村,东港镇,\nB,西河村,村,东港镇,\n`);
    outputs = await everyFormat(survey, 'huge', ['-s', 'xishan-2008', '--as-of', '2026-11-22']);
  }, 120_000);

  it('keeps every report and the terminal under 1 MiB', () => {
    expect(outputs.github.code).toBe(1);
    expect(outputs.table.code).toBe(1);
    for (const [what, text] of allText(outputs)) expect(Buffer.byteLength(text), what).toBeLessThan(MiB);
  });

  it('shows the name cut to its first 200 characters and the marker, in every format that shows names', () => {
    const json = JSON.parse(outputs.reports['report.json']) as { results: JsonResult[] };
    const a = json.results.filter((r) => r.record === 'A');
    expect(a.length).toBeGreaterThan(0);
    for (const result of a) expect(result.name).toBe(shown);
    const sarif = JSON.parse(outputs.reports['report.sarif']) as { runs: { results: { message: { text: string } }[] }[] };
    expect(sarif.runs[0]?.results.some((r) => r.message.text.startsWith(`A ${shown}: `))).toBe(true);
    for (const report of ['report.html', 'report.md', 'report.csv'] as const) expect(outputs.reports[report], report).toContain(shown);
    // The heading wraps at the terminal's width: read back without the line breaks and indents.
    expect(outputs.table.stdout.replace(/\n */g, '')).toContain(`A ${shown} · 东港镇`);
    expect(outputs.reports['report.md']).toContain(`| A ${shown} |`);
  });

  it('never cuts a character in half', () => {
    for (const [what, text] of allText(outputs)) expect(text, what).not.toContain('\uFFFD');
  });
});

describe('hostile text in every cell', () => {
  // Terminal escapes (clear screen, an OSC 8 hyperlink ended by BEL), BEL, a C1 CSI, a bidi override, a
  // Markdown link to javascript:, HTML, autolink triggers, a spreadsheet formula, a workflow command and
  // a line break that would put the next one at the start of a line.
  const evil = `::error::fake\n::warning file=a.csv::fake \u001b[2J\u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u0007\u009b31m\u202eevil [点我](javascript:alert(1)) <script>alert(1)</script> www.evil.example https://evil.example x@evil.example =cmd|' /C calc'!A0`;
  let outputs: Outputs;
  let json: { results: JsonResult[]; coverage: { uncovered: { files: string[] }[] }[] };
  /** Rules the survey has no column for: one more annotation or result each, at the file's header. */
  const uncovered = (): number => json.coverage.reduce((sum, entry) => sum + entry.uncovered.reduce((n, rule) => n + rule.files.length, 0), 0);

  beforeAll(async () => {
    const survey = join(dir, 'hostile.csv');
    const header = ['编号', '名称', '级别', '所属区域', '设施', csvField(`备注${evil}`)].join(',');
    const row = (id: string) => [csvField(`${id}${evil}`), csvField(`名${evil}`), '村', csvField(`区${evil}`), csvField(`文体活动室、${evil}`), csvField(evil)].join(',');
    writeFileSync(survey, `${header}\n${row('=A')}\n${row('B')}\n`);
    outputs = await everyFormat(survey, 'hostile', ['-s', 'xishan-2008', '--as-of', '2026-11-22']);
    json = JSON.parse(outputs.reports['report.json']) as typeof json;
  });

  it('lets no escape, bell, C1 control or bidi override reach any report, stdout or stderr', () => {
    expect(json.results.length).toBeGreaterThan(0);
    for (const [what, text] of allText(outputs)) {
      // eslint-disable-next-line no-control-regex -- finding control characters is the point.
      expect(text, what).not.toMatch(/[\u001b\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('Markdown keeps no live link, HTML or autolink from the data', () => {
    const md = outputs.reports['report.md'];
    expect(md).toContain('\\[点我\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(md).not.toContain('[点我](');
    expect(md).not.toMatch(/(?<!\\)\[点我/);
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/https?:\/\//);
    expect(md).not.toMatch(/javascript:/);
    expect(md).not.toMatch(/www\./i);
    expect(md).not.toMatch(/(?<!\\)@evil/);
    // A line break in a cell is <br>: every line of the problems table is one whole row.
    const rows = md.split('\n').filter((line) => line.includes('`xishan-2008/'));
    expect(rows.length).toBe(json.results.length);
    for (const line of rows) expect(line).toMatch(/^\| .* \|$/);
  });

  it('HTML escapes everything and links nowhere', () => {
    const page = outputs.reports['report.html'];
    expect(page).toContain('[点我](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.match(/<script/g)).toHaveLength(1); // the page's own filter script
    expect(page).not.toMatch(/\bhref\s*=/i);
    expect(page).not.toMatch(/<a\b/i);
  });

  it('GitHub: exactly one line per annotation, no command injected at a line start', () => {
    const lines = outputs.github.stdout.trimEnd().split('\n');
    expect(uncovered()).toBeGreaterThan(0);
    expect(lines.length).toBe(json.results.length + uncovered());
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) file=[^:]*(,line=\d+)?(,col=\d+)?,title=[^:]*::[^\r]*$/);
    expect(outputs.github.stdout).toContain('%0A%3A%3Awarning file=a.csv%3A%3Afake'); // the record id, in a title
    expect(outputs.github.stdout).not.toMatch(/^::warning file=a\.csv/m);
  });

  it('CSV: no cell starts a formula, and every row is one result', () => {
    const rows = parseCsv(outputs.reports['report.csv'], { bom: true }) as string[][];
    expect(rows.length - 1).toBe(json.results.length);
    expect(rows[1]?.[0]?.startsWith("'=A")).toBe(true);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('SARIF and JSON still parse; JUnit carries no markup from the data', () => {
    const sarif = JSON.parse(outputs.reports['report.sarif']) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results.length).toBe(json.results.length + uncovered());
    const xml = outputs.reports['junit.xml'];
    expect(xml).not.toContain('<script');
    expect(xml).toContain('&lt;script&gt;');
  });

  it('the terminal table keeps a line break in a name on its heading, and no line starts a workflow command', () => {
    // A heading that wraps continues on lines indented by two: read back joined.
    const joined = outputs.table.stdout.replace(/\n {2}(?! )/g, '');
    expect(joined.split('\n').some((line) => line.startsWith('B::error::fake␊::warning file=a.csv::fake'))).toBe(true);
    expect(outputs.table.stdout).not.toMatch(/^\s*::/m);
  });
});

describe('JSON `actual` caps: 10,000 characters, 1,000 entries', () => {
  let results: Map<string, JsonResult>;
  let report: unknown;
  // One list entry of 𠮷 (two UTF-16 units, one character) just below, at and just above the cap; and
  // lists of short entries around the entry cap.
  const long = { L9999: 9_999, L10000: 10_000, L10001: 10_001 };
  const many = { N999: 999, N1000: 1_000, N1001: 1_001 };
  const entries = (n: number) => Array.from({ length: n }, (_, i) => `项${i + 1}`);

  beforeAll(async () => {
    const survey = join(dir, 'caps.csv');
    const rows = [
      ...Object.entries(long).map(([id, n]) => `${id},村,${'𠮷'.repeat(n)}`),
      ...Object.entries(many).map(([id, n]) => `${id},村,${entries(n).join('、')}`),
    ];
    writeFileSync(survey, `编号,级别,设施\n${rows.join('\n')}\n`);
    const run = await cli(['check', survey, '-s', 'xishan-2008', '--as-of', '2026-11-22', '-f', 'json']);
    expect(run.code).toBe(1);
    report = JSON.parse(run.stdout);
    const list = (report as { results: JsonResult[] }).results.filter((r) => r.rule === 'outdoor-activity-site');
    results = new Map(list.map((r) => [r.record ?? '', r]));
  });

  it('keeps a string of 9,999 and 10,000 characters exact, cuts 10,001', () => {
    expect(results.get('L9999')?.actual).toEqual(['𠮷'.repeat(9_999)]);
    expect(results.get('L10000')?.actual).toEqual(['𠮷'.repeat(10_000)]);
    expect(results.get('L10001')?.actual).toEqual([`${'𠮷'.repeat(10_000)}…（共 10001 字符）`]);
    expect(results.get('L9999')).not.toHaveProperty('actual_clipped');
    expect(results.get('L10000')).not.toHaveProperty('actual_clipped');
    expect(results.get('L10001')?.actual_clipped).toBe(true);
  });

  it('keeps lists of 999 and 1,000 entries exact, cuts 1,001', () => {
    expect(results.get('N999')?.actual).toEqual(entries(999));
    expect(results.get('N1000')?.actual).toEqual(entries(1_000));
    expect(results.get('N1001')?.actual).toEqual([...entries(1_000), '…（共 1001 项）']);
    expect(results.get('N999')).not.toHaveProperty('actual_clipped');
    expect(results.get('N1000')).not.toHaveProperty('actual_clipped');
    expect(results.get('N1001')?.actual_clipped).toBe(true);
  });

  it('the report with `actual_clipped` validates against the report schema', async () => {
    const schema = JSON.parse((await cli(['schema', 'report'])).stdout) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
});
