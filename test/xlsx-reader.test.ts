// The streaming .xlsx reader (src/survey/xlsx.ts): workbooks as writers other than Excel lay them out,
// hostile ones (a million formatted empty rows, a corrupted deflate stream, a sheet stored before the
// parts that describe it), every kind of cell value, the reader's bounds, and files closed on every path.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderErrorLines } from '../src/cli/render-error.js';
import { DabiaoError } from '../src/errors.js';
import type { RawRow, ReadOptions } from '../src/survey/reader.js';
import { LineRuns, TableRows } from '../src/survey/table-rows.js';
import { readXlsx } from '../src/survey/xlsx/workbook.js';
import { isDateCode, serialToIsoDate } from '../src/survey/xlsx/dates.js';
import { XLSX_LIMITS, type XlsxLimits } from '../src/survey/xlsx/limits.js';
import { cli } from './helpers/cli.js';
import { deflateStream, inline, number, row, sharedStrings, styles, workbookEntries, worksheet, zip, type WorkbookSpec } from './helpers/xlsx-zip.js';

const root = join(import.meta.dirname, '..');
const demo = join(root, 'fixtures', 'standards', 'area-only.yaml');
const dir = mkdtempSync(join(tmpdir(), 'dabiao-xlsx-'));

function write(name: string, spec: WorkbookSpec | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.isBuffer(spec) ? spec : zip(workbookEntries(spec)));
  return file;
}

/** Each row as line and { header: value }. */
async function rowsOf(file: string, options: ReadOptions = {}, limits?: XlsxLimits): Promise<{ line: number; sheet?: string; values: Record<string, unknown>; problem?: string }[]> {
  const rows: RawRow[] = [];
  for await (const raw of readXlsx(file, options, limits)) rows.push(raw);
  return rows.map((raw) => ({
    line: raw.line,
    ...(raw.sheet !== undefined ? { sheet: raw.sheet } : {}),
    values: Object.fromEntries(raw.entries.filter(([, value]) => value !== undefined)),
    ...(raw.problem ? { problem: raw.problem.type } : {}),
  }));
}

/** The one-line message a DabiaoError prints, as the CLI prints it. */
async function failure(run: Promise<unknown>): Promise<string[]> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DabiaoError)) throw new Error(`expected a DabiaoError, got ${String(error)}`);
  return renderErrorLines(error, 'en');
}

interface JsonResult {
  record: string | null;
  rule: string;
  status: string;
  line: number | null;
  sheet: string | null;
  cell: string | null;
}

async function check(file: string, extra: string[] = []) {
  const run = await cli(['check', file, '-s', demo, '--format', 'json', '--all', '--as-of', '2026-01-01', '--lang', 'en', ...extra]);
  const results = run.code === 2 ? [] : (JSON.parse(run.stdout) as { results: JsonResult[] }).results;
  return { ...run, area: results.filter((r) => r.rule === 'centre-area').map((r) => [r.record, r.status, r.sheet, r.cell]) };
}

const HEADER = row(1, inline('A1', '编号'), inline('B1', '级别'), inline('C1', '户数'), inline('D1', '服务中心面积'));

/** As openpyxl writes: worksheets first, then the workbook and its rels; inline strings; no shared
 * strings, no styles, no docProps naming the sheets. Sparse cells, skipped row numbers. */
const openpyxlLike: WorkbookSpec = {
  sheets: [
    { name: '说明', xml: worksheet(row(1, inline('A1', '本表由各镇填报'))) },
    { name: '村级调查', xml: worksheet([HEADER, row(3, inline('A3', 'A'), inline('B3', '村'), number('C3', 100), number('D3', 400)), row(7, inline('A7', 'B'), inline('B7', '村'), number('D7', 300))].join('')) },
  ],
  first: ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'],
};

describe('workbooks laid out as other writers lay them out', () => {
  it('an openpyxl-like workbook: --sheet by the name in workbook.xml, results name that sheet and their cells', async () => {
    const file = write('openpyxl.xlsx', openpyxlLike);
    const run = await check(file, ['--sheet', '村级调查']);
    expect(run.code).toBe(1);
    expect(run.area).toEqual([
      ['A', 'pass', '村级调查', 'D3'],
      ['B', 'fail', '村级调查', 'D7'],
    ]);
  });

  it('the default is the sheet whose header names the most fields, named on stderr; a missing --sheet lists the sheets', async () => {
    const file = write('openpyxl-default.xlsx', openpyxlLike);
    // A reader told nothing about headers reads the first sheet; check scores them and passes the note sheet over.
    expect(await rowsOf(file)).toEqual([]);
    const chosen = await check(file);
    expect(chosen.code).toBe(1);
    expect(chosen.stderr).toContain(`dabiao: ${file}: read worksheet "村级调查" (its header names the most fields; the workbook has 说明, 村级调查; --sheet picks another)\n`);
    const missing = await check(file, ['--sheet', '表3']);
    expect(missing.stderr).toBe(`dabiao: ${file}: no worksheet "表3"; the workbook has 说明, 村级调查\n`);
  });

  it('sparse cells and skipped row numbers keep their worksheet rows and columns', async () => {
    const file = write('sparse.xlsx', openpyxlLike);
    expect(await rowsOf(file, { sheet: '村级调查' })).toEqual([
      { line: 3, sheet: '村级调查', values: { 编号: 'A', 级别: '村', 户数: 100, 服务中心面积: 400 } },
      { line: 7, sheet: '村级调查', values: { 编号: 'B', 级别: '村', 服务中心面积: 300 } },
    ]);
  });

  it('a sheet stored before the workbook rels is read in place: nothing is written to the temporary folder', async () => {
    const file = write('sheet-first.xlsx', { ...openpyxlLike, sheets: [openpyxlLike.sheets[1] as WorkbookSpec['sheets'][number]], first: ['xl/worksheets/sheet1.xml'] });
    const temporary = mkdtempSync(join(dir, 'tmp-'));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temporary;
    try {
      expect(tmpdir()).toBe(temporary);
      const run = await check(file);
      expect(run.code).toBe(1);
      expect(run.area).toEqual([
        ['A', 'pass', '村级调查', 'D3'],
        ['B', 'fail', '村级调查', 'D7'],
      ]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(temporary)).toEqual([]);
  });

  it('an exceljs workbook: the second sheet by name, a date cell as an ISO date', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('封面').addRow(['说明']);
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['编号', '级别', '服务中心面积', '调查日期']);
    sheet.addRow(['A', '村', 350, new Date(Date.UTC(2024, 0, 5))]);
    const file = join(dir, 'exceljs.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await rowsOf(file, { sheet: '数据' })).toEqual([{ line: 2, sheet: '数据', values: { 编号: 'A', 级别: '村', 服务中心面积: 350, 调查日期: '2024-01-05' } }]);
  });
});

describe('cell values', () => {
  const header = row(1, inline('A1', '编号'), inline('B1', '值'));
  const spec: WorkbookSpec = {
    sheets: [
      {
        name: 'values',
        xml: worksheet(
          [
            header,
            row(2, inline('A2', 'error'), '<c r="B2" t="e"><v>#DIV/0!</v></c>'),
            row(3, inline('A3', 'formula without result'), '<c r="B3"><f>C3*4</f></c>'),
            row(4, inline('A4', 'formula with a number'), '<c r="B4"><f>C4*4</f><v>1400</v></c>'),
            row(5, inline('A5', 'formula with text'), '<c r="B5" t="str"><f>"是"</f><v>是</v></c>'),
            row(6, inline('A6', 'formula with an error'), '<c r="B6" t="e"><f>1/0</f><v>#DIV/0!</v></c>'),
            row(7, inline('A7', 'date'), '<c r="B7" s="1"><v>45296</v></c>'),
            row(8, inline('A8', 'date, custom format'), '<c r="B8" s="2"><v>45296.75</v></c>'),
            row(9, inline('A9', 'date, zh-CN format 31'), '<c r="B9" s="3"><v>45296</v></c>'),
            row(10, inline('A10', 'number with a unit in quotes'), '<c r="B10" s="4"><v>350</v></c>'),
            row(11, inline('A11', 'true'), '<c r="B11" t="b"><v>1</v></c>'),
            row(12, inline('A12', 'false'), '<c r="B12" t="b"><v>0</v></c>'),
            row(13, inline('A13', 'rich shared string'), '<c r="B13" t="s"><v>0</v></c>'),
            row(14, inline('A14', 'rich inline string'), '<c r="B14" t="inlineStr"><is><r><rPr><b/></rPr><t>卫生</t></r><r><t xml:space="preserve">服务站</t></r><rPh sb="0" eb="2"><t>ウエイセイ</t></rPh></is></c>'),
            row(15, inline('A15', 'escaped control character'), '<c r="B15" t="s"><v>1</v></c>'),
            row(16, inline('A16', 'plain shared string'), '<c r="B16" t="s"><v>2</v></c>'),
            row(17, inline('A17', 'number'), '<c r="B17"><v>1.5E3</v></c>'),
          ].join(''),
        ),
      },
    ],
    sharedStrings: sharedStrings(['<r><rPr><b/></rPr><t>35</t></r><r><t>0</t></r>', 'a_x000D_b', '是']),
    styles: styles([0, 14, 164, 31, 165], { 164: 'yyyy"年"m"月"d"日" h:mm', 165: '0 "m²"' }),
  };

  it('errors, formulas, dates, booleans and rich text read as the survey means them', async () => {
    const rows = await rowsOf(write('values.xlsx', spec));
    expect(rows.map((r) => [r.values.编号, r.values.值])).toEqual([
      ['error', '#DIV/0!'],
      ['formula without result', '=C3*4'],
      ['formula with a number', 1400],
      ['formula with text', '是'],
      ['formula with an error', '#DIV/0!'],
      ['date', '2024-01-05'],
      ['date, custom format', '2024-01-05'],
      ['date, zh-CN format 31', '2024-01-05'],
      ['number with a unit in quotes', 350],
      ['true', true],
      ['false', false],
      ['rich shared string', '350'],
      ['rich inline string', '卫生服务站'],
      ['escaped control character', 'a\rb'],
      ['plain shared string', '是'],
      ['number', 1500],
    ]);
  });

  it('characters split between compressed chunks are read whole', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => `社区服务中心𠮷${i}`);
    const file = write('multibyte.xlsx', {
      sheets: [{ name: 's', xml: worksheet(header + names.map((name, i) => row(i + 2, inline(`A${i + 2}`, name), `<c r="B${i + 2}" t="s"><v>${i}</v></c>`)).join('')) }],
      sharedStrings: sharedStrings(names.map((name) => `镇${name}`)),
    });
    const rows = await rowsOf(file);
    expect(rows.map((r) => [r.values.编号, r.values.值])).toEqual(names.map((name) => [name, `镇${name}`]));
  });

  it('dates in the 1904 system', async () => {
    const rows = await rowsOf(write('date1904.xlsx', { ...spec, date1904: true, sheets: [{ name: 'd', xml: worksheet(header + row(2, inline('A2', 'date'), '<c r="B2" s="1"><v>43834</v></c>')) }] }));
    expect(rows.map((r) => r.values.值)).toEqual(['2024-01-05']);
  });

  it('an error value or a formula without its result is unknown, with its cell', async () => {
    const file = write(
      'unknown.xlsx',
      { sheets: [{ name: '调查', xml: worksheet([HEADER, row(2, inline('A2', 'A'), inline('B2', '村'), '<c r="D2" t="e"><v>#DIV/0!</v></c>'), row(3, inline('A3', 'B'), inline('B3', '村'), '<c r="D3"><f>C3*4</f></c>')].join('')) }] },
    );
    const run = await check(file);
    expect(run.code).toBe(1);
    expect(run.area).toEqual([
      ['A', 'unknown', '调查', 'D2'],
      ['B', 'unknown', '调查', 'D3'],
    ]);
  });

  it('date format codes: y, m or d outside quotes, brackets and escapes', () => {
    expect(['yyyy-mm-dd', 'm/d/yy', '[$-804]yyyy"年"m"月"d"日"', 'DD.MM.YYYY', 'h:mm'].map(isDateCode)).toEqual([true, true, true, true, true]);
    expect(['0.00', '#,##0 "m²"', '[Red]0.0', '0\\d', '_(* #,##0_)', 'General', '0%'].map(isDateCode)).toEqual([false, false, false, false, false, false, false]);
    expect([serialToIsoDate(45296, false), serialToIsoDate(1, false), serialToIsoDate(60, false), serialToIsoDate(61, false), serialToIsoDate(0, true), serialToIsoDate(3e6, false)]).toEqual([
      '2024-01-05',
      '1900-01-01',
      undefined,
      '1900-03-01',
      '1904-01-01',
      undefined,
    ]);
  });
});

/** A sheet of a header, one failing record, `count` formatted empty rows, then `after` (raw row XML). */
async function emptyStyledRows(name: string, count: number, after: (line: number) => string): Promise<string> {
  const first = 3;
  function* pieces(): Generator<string> {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
    yield HEADER + row(2, inline('A2', 'A'), inline('B2', '村'), number('C2', 100), number('D2', 300));
    const batch: string[] = [];
    for (let line = first; line < first + count; line++) {
      batch.push(`<row r="${line}" s="1" customFormat="1"/>`);
      if (batch.length === 10_000) yield batch.splice(0).join('');
    }
    yield batch.join('');
    yield `${after(first + count)}</sheetData></worksheet>`;
  }
  return write(name, { sheets: [{ name: '调查', xml: await deflateStream(pieces()) }], styles: styles([0, 0]) });
}

describe('a million formatted empty rows', { timeout: 120_000 }, () => {
  const MILLION = 1_000_000;

  it('below the data: ignored, the records judged', async () => {
    const file = await emptyStyledRows('empty-below.xlsx', MILLION, () => '');
    const run = await check(file);
    expect(run.code).toBe(1);
    expect(run.area).toEqual([['A', 'fail', '调查', 'D2']]);
    expect(run.stderr).not.toContain('empty');
  });

  it('followed by a record: the record is read and the empty rows are reported by count', async () => {
    const file = await emptyStyledRows('empty-within.xlsx', MILLION, (line) => row(line, inline(`A${line}`, 'B'), inline(`B${line}`, '村'), number(`D${line}`, 500)));
    const run = await check(file);
    expect(run.code).toBe(1);
    expect(run.area).toEqual([
      ['A', 'fail', '调查', 'D2'],
      ['B', 'pass', '调查', 'D1000003'],
    ]);
    expect(run.stderr).toContain(`skipped 1000000 empty row(s) (line 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 …)`);
    const validate = await cli(['validate', file, '-s', demo, '--format', 'json', '--lang', 'en']);
    const report = JSON.parse(validate.stdout) as { errors: number; warnings: number; findings: { code: string; line: number }[] };
    // The one error: the sheet has no column for has_service_center, which the standard reads.
    expect([validate.code, report.errors, report.warnings]).toEqual([1, 1, MILLION]);
    const empty = report.findings.filter((f) => f.code === 'empty-row');
    expect([empty.length, empty[0]?.line, empty.at(-1)?.line]).toEqual([1000, 3, 1002]);
  });

  it('a run of empty rows is held as one run of lines, not as rows', () => {
    const runs = new LineRuns();
    for (let line = 3; line < 3 + MILLION; line++) runs.add(line);
    expect([runs.count, runs.runs]).toEqual([MILLION, 1]);
    const table = new TableRows({ file: 'x.xlsx', strictWidth: false, headerRow: 1 });
    expect([...table.push({ line: 1, cells: ['编号'] })]).toEqual([]);
    let released = 0;
    for (let line = 2; line < 2 + MILLION; line++) released += [...table.push({ line, cells: [] })].length;
    expect(released).toBe(0);
    const lines: number[] = [];
    let empty = 0;
    for (const raw of table.push({ line: MILLION + 2, cells: ['B'] })) {
      if (raw.problem?.type === 'empty') empty++;
      if (lines.length < 2 || raw.problem === undefined) lines.push(raw.line);
    }
    expect([empty, lines]).toEqual([MILLION, [2, 3, MILLION + 2]]);
  });
});

/** The sheet part's deflate stream spoiled: its first block claims the reserved block type. */
function corruptDeflate(): Buffer {
  const entries = workbookEntries({ sheets: [{ name: '调查', xml: worksheet(HEADER) }] });
  return zip(entries.map((entry) => (entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, corrupt: true } : entry)));
}

describe('unreadable workbooks: one line, exit 2, the file closed', () => {
  it('a corrupted deflate stream, as a real process: exit 2, one line, no stack', () => {
    const file = write('corrupt.xlsx', corruptDeflate());
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'helpers', 'run-cli.ts'), 'check', file, '-s', demo, '--lang', 'en'], { encoding: 'utf8', cwd: root });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`dabiao: ${file}: not a readable .xlsx workbook (xl/worksheets/sheet1.xml: invalid block type)\n`);
  });

  it('an entry whose CRC-32 does not match is refused', async () => {
    const entries = workbookEntries({ sheets: [{ name: '调查', xml: worksheet(HEADER) }] });
    const bytes = zip(entries.map((entry) => (entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, store: true } : entry)));
    const at = bytes.indexOf('编号');
    bytes.write('名称', at);
    const file = write('crc.xlsx', bytes);
    expect(await failure(rowsOf(file))).toEqual([`dabiao: ${file}: not a readable .xlsx workbook (xl/worksheets/sheet1.xml: CRC-32 mismatch (the part is corrupted))`]);
  });

  it('malformed XML, a missing part, an HTML page: unreadable', async () => {
    const bad = write('bad-xml.xlsx', { sheets: [{ name: 's', xml: worksheet(`${HEADER}<row r="2"><c r="A2"><v>1</c></row>`) }] });
    expect(await failure(rowsOf(bad))).toEqual([`dabiao: ${bad}: not a readable .xlsx workbook (xl/worksheets/sheet1.xml:2:322: unexpected close tag.)`]);
    const missing = write('missing.xlsx', zip(workbookEntries({ sheets: [{ name: 's', xml: worksheet(HEADER) }] }).filter((entry) => !entry.name.startsWith('xl/worksheets/'))));
    expect(await failure(rowsOf(missing))).toEqual([`dabiao: ${missing}: not a readable .xlsx workbook (xl/worksheets/sheet1.xml: missing)`]);
    const html = write('page.xlsx', Buffer.from('<!DOCTYPE html><html><body>404</body></html>'));
    expect(await failure(rowsOf(html))).toEqual([`dabiao: ${html}: not a readable .xlsx workbook (not a zip archive: End of central directory record signature not found)`]);
    const truncated = write('truncated.xlsx', zip(workbookEntries(openpyxlLike)).subarray(0, 700));
    expect((await failure(rowsOf(truncated)))[0]).toContain('not a readable .xlsx workbook (not a zip archive');
  });

  it('rows or cells out of order, a shared string that is not in the table: unreadable at the row', async () => {
    const rows = write('rows-order.xlsx', { sheets: [{ name: 's', xml: worksheet(HEADER + row(3, inline('A3', 'A')) + row(2, inline('A2', 'B'))) }] });
    expect(await failure(rowsOf(rows))).toEqual([`dabiao: ${rows}:2: not a readable .xlsx workbook (row 2 comes after row 3)`]);
    const cells = write('cells-order.xlsx', { sheets: [{ name: 's', xml: worksheet(HEADER + row(2, inline('C2', 'A'), inline('B2', 'B'))) }] });
    expect(await failure(rowsOf(cells))).toEqual([`dabiao: ${cells}:2: not a readable .xlsx workbook (cell B2 comes after C2)`]);
    const shared = write('shared-index.xlsx', { sheets: [{ name: 's', xml: worksheet(HEADER + row(2, '<c r="A2" t="s"><v>5</v></c>')) }], sharedStrings: sharedStrings(['x', 'y']) });
    expect(await failure(rowsOf(shared))).toEqual([`dabiao: ${shared}:2: not a readable .xlsx workbook (cell A2 refers to shared string 5, the table has 2)`]);
  });

  /** Whether this process has the file open (Linux: /proc/self/fd). */
  const isOpen = (file: string): boolean => readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  });

  it.skipIf(!statSync('/proc/self/fd', { throwIfNoEntry: false }))('the zip is closed when the reader stops early, ends, or fails', async () => {
    const file = write('closing.xlsx', openpyxlLike);
    const rows = readXlsx(file, { sheet: '村级调查' });
    const first = await rows.next();
    expect(first.value).toMatchObject({ line: 3 });
    expect(isOpen(file)).toBe(true);
    await rows.return(undefined);
    expect(isOpen(file)).toBe(false);
    await rowsOf(file, { sheet: '村级调查' });
    expect(isOpen(file)).toBe(false);
    const corrupt = write('closing-corrupt.xlsx', corruptDeflate());
    await failure(rowsOf(corrupt));
    expect(isOpen(corrupt)).toBe(false);
  });

  it('progress counts every byte of the file once', async () => {
    const file = write('progress.xlsx', { ...openpyxlLike, sharedStrings: sharedStrings(['x']) });
    let bytes = 0;
    for await (const raw of readXlsx(file, { sheet: '村级调查', onBytes: (n) => (bytes += n) })) void raw;
    expect(bytes).toBe(statSync(file).size);
  });
});

describe('bounds: past one, a single located line', () => {
  const lowered = (changes: Partial<XlsxLimits>): XlsxLimits => ({ ...XLSX_LIMITS, ...changes });
  const withStrings = (items: string[]): WorkbookSpec => ({ sheets: [{ name: 's', xml: worksheet(row(1, '<c r="A1" t="s"><v>0</v></c>')) }], sharedStrings: sharedStrings(items) });

  it('more shared strings than the bound', async () => {
    const file = write('strings.xlsx', withStrings(['a', 'b', 'c', 'd']));
    expect(await failure(rowsOf(file, {}, lowered({ sharedStrings: 3 })))).toEqual([`dabiao: ${file}: not a readable .xlsx workbook: xl/sharedStrings.xml has more than 3 shared strings (the reader's limit)`]);
    expect(await rowsOf(file, {}, lowered({ sharedStrings: 4 }))).toEqual([]);
  });

  it('more shared-string characters than the bound', async () => {
    const file = write('string-chars.xlsx', withStrings(['编号', '服务中心面积']));
    expect(await failure(rowsOf(file, {}, lowered({ sharedStringChars: 7 })))).toEqual([`dabiao: ${file}: not a readable .xlsx workbook: xl/sharedStrings.xml has more than 7 characters of shared strings (the reader's limit)`]);
  });

  it('a row with more text than the bound, at its cell', async () => {
    const file = write('row-chars.xlsx', { sheets: [{ name: 's', xml: worksheet(HEADER + row(2, inline('A2', 'A'), inline('B2', '村'), inline('C2', 'x'.repeat(20)))) }] });
    expect(await failure(rowsOf(file, {}, lowered({ rowChars: 16 })))).toEqual([`dabiao: ${file}:2:3: not a readable .xlsx workbook: xl/worksheets/sheet1.xml has a row of more than 16 characters (the reader's limit)`]);
  });

  it("rows and columns beyond Excel's grid", async () => {
    const rows = write('rows.xlsx', { sheets: [{ name: 's', xml: worksheet(HEADER + row(1_048_577, inline('A1048577', 'x'))) }] });
    expect(await failure(rowsOf(rows))).toEqual([`dabiao: ${rows}:1048577: not a readable .xlsx workbook: xl/worksheets/sheet1.xml has a row past row 1,048,576 (the reader's limit)`]);
    const columns = write('columns.xlsx', { sheets: [{ name: 's', xml: worksheet(HEADER + row(2, inline('XFE2', 'x'))) }] });
    expect(await failure(rowsOf(columns))).toEqual([`dabiao: ${columns}:2: not a readable .xlsx workbook: xl/worksheets/sheet1.xml has a cell past column 16,384 (the reader's limit)`]);
  });

  it('a small part larger than the bound, too many zip entries, nesting too deep, a token too long', async () => {
    const file = write('parts.xlsx', openpyxlLike);
    expect(await failure(rowsOf(file, {}, lowered({ partBytes: 100 })))).toEqual([`dabiao: ${file}: not a readable .xlsx workbook: xl/workbook.xml has more than 100 bytes (the reader's limit)`]);
    expect(await failure(rowsOf(file, {}, lowered({ entries: 5 })))).toEqual([`dabiao: ${file}: not a readable .xlsx workbook: the zip has more than 5 entries (the reader's limit)`]);
    const deep = write('deep.xlsx', { sheets: [{ name: 's', xml: worksheet(`${HEADER}${'<x>'.repeat(300)}${'</x>'.repeat(300)}`) }] });
    expect(await failure(rowsOf(deep))).toEqual([`dabiao: ${deep}:1: not a readable .xlsx workbook: xl/worksheets/sheet1.xml has XML elements nested more than 256 deep (the reader's limit)`]);
    const attributes = write('attributes.xlsx', { sheets: [{ name: 's', xml: worksheet(`${HEADER}<x ${Array.from({ length: 30 }, (_, i) => `a${i}=""`).join(' ')}/>`) }] });
    expect(await failure(rowsOf(attributes, {}, lowered({ xmlAttributes: 20 })))).toEqual([`dabiao: ${attributes}:1: not a readable .xlsx workbook: xl/worksheets/sheet1.xml has an XML element with more than 20 attributes (the reader's limit)`]);
    const long = write('token.xlsx', { sheets: [{ name: 's', xml: worksheet(`${HEADER}<!--${'<'.repeat(300_000)}-->`) }] });
    expect(await failure(rowsOf(long, {}, lowered({ xmlToken: 100_000 })))).toEqual([
      `dabiao: ${long}:1: not a readable .xlsx workbook: xl/worksheets/sheet1.xml has an XML text, tag or comment of more than 100,000 characters (the reader's limit)`,
    ]);
  });
});
