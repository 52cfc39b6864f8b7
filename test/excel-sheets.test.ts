// Excel as staff send it: sheet names as the workbook gives them whatever wrote it, and with several
// sheets and no --sheet, the sheet whose header names the most fields (a summary sheet first is
// passed over), named on stderr; a tie or no known header is an error listing the sheets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { inline, number, row, sharedStrings, workbookEntries, worksheet, zip, type ZipEntry } from './helpers/xlsx-zip.js';

const dir = mkdtempSync(join(tmpdir(), 'dabiao-sheets-'));

/** As openpyxl writes a workbook: relationship targets as absolute part names, text in shared strings. */
function openpyxlStyle(entries: ZipEntry[]): ZipEntry[] {
  return entries.map((entry) =>
    entry.name === 'xl/_rels/workbook.xml.rels' && typeof entry.data === 'string'
      ? { ...entry, data: entry.data.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/').replace(/Target="sharedStrings.xml"/, 'Target="/xl/sharedStrings.xml"') }
      : entry,
  );
}

const shared = (ref: string, index: number): string => `<c r="${ref}" t="s"><v>${index}</v></c>`;
const STRINGS = ['编号', '级别', '服务中心面积', 'A1', '村', 'A2'];

function survey(): string {
  return worksheet(
    row(1, shared('A1', 0), shared('B1', 1), shared('C1', 2)) +
      row(2, shared('A2', 3), shared('B2', 4), number('C2', 400)) +
      row(3, shared('A3', 5), shared('B3', 4), number('C3', 300)),
  );
}

const summary = worksheet(row(1, inline('A1', '东港镇等三镇汇总')) + row(2, inline('A2', '村数'), number('B2', 3)) + row(3, inline('A3', '填表人：张三')));

function write(name: string, entries: ZipEntry[]): string {
  const file = join(dir, name);
  writeFileSync(file, zip(entries));
  return file;
}

const STANDARD = join(dir, 'area.yaml');
writeFileSync(STANDARD, 'id: area\ntitle: {zh: 面积}\nsource: {document: 测试}\nrules:\n  - {id: area, title: {zh: 面积}, scope: {level: [村]}, severity: 必须, check: {kind: min, field: service_center_area_m2, min: 350}, citation: {section: 一, quote: 面积条款}}\n');

describe('a workbook written the way openpyxl writes one, a summary sheet first', () => {
  const file = write('openpyxl.xlsx', openpyxlStyle(workbookEntries({ sheets: [{ name: '汇总', xml: summary }, { name: '东港镇等三镇', xml: survey() }], sharedStrings: sharedStrings(STRINGS) })));

  it('reads the sheet whose header names the fields, names it on stderr, and reports its sheet name', async () => {
    const run = await cli(['check', file, '-s', STANDARD, '-f', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`dabiao: ${file}: 读取工作表 “东港镇等三镇”（表头与字段最匹配；工作簿中有：汇总、东港镇等三镇；可用 --sheet 指定）`);
    const report = JSON.parse(run.stdout) as { records: { record: string; sheet: string; verdicts: Record<string, string> }[] };
    expect(report.records.map((r) => [r.record, r.sheet, r.verdicts.area])).toEqual([
      ['A1', '东港镇等三镇', 'compliant'],
      ['A2', '东港镇等三镇', 'non_compliant'],
    ]);
  });

  it('reads the sheet --sheet names, by its name in the workbook', async () => {
    const run = await cli(['check', file, '-s', STANDARD, '-f', 'json', '--sheet', '东港镇等三镇']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('读取工作表');
    expect((JSON.parse(run.stdout) as { summary: { records: number } }).summary.records).toBe(2);
    const missing = await cli(['check', file, '-s', STANDARD, '--sheet', 'Sheet1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`dabiao: ${file}: 没有名为 “Sheet1” 的工作表；工作簿中有：汇总, 东港镇等三镇`);
  });
});

describe('a workbook whose sheets cannot be told apart', () => {
  it('two sheets with equally good headers: an error listing them', async () => {
    const file = write('tie.xlsx', workbookEntries({ sheets: [{ name: '东港镇', xml: survey() }, { name: '锡北镇', xml: survey() }], sharedStrings: sharedStrings(STRINGS) }));
    const run = await cli(['check', file, '-s', STANDARD]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`dabiao: ${file}: 无法确定读取哪张工作表（有多张表头同样匹配）；请用 --sheet 指定，工作簿中有：东港镇, 锡北镇`);
  });

  it('no sheet with a known header: an error listing them', async () => {
    const file = write('none.xlsx', workbookEntries({ sheets: [{ name: '说明', xml: summary }, { name: '备注', xml: summary }] }));
    const run = await cli(['check', file, '-s', STANDARD, '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`dabiao: ${file}: cannot tell which worksheet to read (no header names a known field); name one with --sheet: the workbook has 说明, 备注`);
  });
});
