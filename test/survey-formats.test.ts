// Survey files as they really arrive: an .xlsx written by LibreOffice, the same survey saved as
// GB18030 and as UTF-16, title rows above the header, units and brackets in headers, 1,200, 0.035万,
// ３４９, 12亩, 三百五十, ✓/×/有/无 — all read the same as the UTF-8 CSV they were made from.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const formats = join(root, 'fixtures', 'formats');
const demo = join(root, 'fixtures', 'standards', 'area-only.yaml');

interface JsonResult {
  record: string | null;
  name: string | null;
  group: string | null;
  rule: string;
  status: string;
  line: number | null;
  sheet: string | null;
  cell: string | null;
  message: string;
}

async function results(file: string, extra: string[] = []) {
  const run = await cli(['check', join(formats, file), '-s', demo, '--format', 'json', '--all', '--as-of', '2026-01-01', ...extra]);
  return { ...run, results: (JSON.parse(run.stdout) as { results: JsonResult[] }).results };
}

const statuses = (list: JsonResult[]) => list.map((r) => [r.record ?? r.group, r.rule, r.status]);

describe('the same survey in four files', () => {
  it('the UTF-8 CSV reads as expected', async () => {
    const { results: list, code } = await results('survey.csv');
    expect(code).toBe(1);
    expect(list.filter((r) => r.rule === 'centre-area').map((r) => [r.record, r.status])).toEqual([
      ['F01', 'pass'],
      ['F02', 'pass'],
      ['F03', 'fail'],
      ['F04', 'pass'],
      ['F05', 'pass'],
      ['F06', 'unknown'],
    ]);
  });

  it.each(['survey-gb18030.csv', 'survey-utf16.csv', 'survey-libreoffice.xlsx'])('%s gives the same statuses as the UTF-8 CSV', async (file) => {
    const utf8 = await results('survey.csv');
    const other = await results(file);
    expect(statuses(other.results)).toEqual(statuses(utf8.results));
    expect(other.results.map((r) => r.name)).toEqual(utf8.results.map((r) => r.name));
  });

  it('GB18030 keeps 4-byte characters such as 𠮷', async () => {
    const { results: list, stderr } = await results('survey-gb18030.csv');
    expect(list[0]?.name).toBe('𠮷祥村');
    expect(stderr).toContain('GB18030');
  });

  it('an Excel result points at its sheet and cell', async () => {
    const { results: list } = await results('survey-libreoffice.xlsx');
    const failed = list.find((r) => r.record === 'F03' && r.rule === 'centre-area');
    expect(failed).toMatchObject({ sheet: 'survey', cell: 'F5', line: 5 });
  });

  it('reports the title row it skipped and the note column it ignored', async () => {
    const { stderr } = await results('survey.csv', ['--lang', 'en']);
    expect(stderr).toContain('header found on line 2; 1 title row(s) above it skipped');
    expect(stderr).toContain('unrecognised column "备注" (column 8) ignored');
  });

  it('states a 亩 conversion in the result', async () => {
    const { results: list } = await results('survey.csv', ['--lang', 'en']);
    expect(list.find((r) => r.record === 'F04' && r.rule === 'centre-area')?.message).toContain('"12亩" converted at 1 亩 = 666.67 m²');
  });

  it('--encoding overrides detection', async () => {
    const run = await cli(['check', join(formats, 'survey-gb18030.csv'), '-s', demo, '--encoding', 'utf-8', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/survey-gb18030\.csv:1: .*UTF-8/);
  });

  it('--header-row picks the header explicitly', async () => {
    const run = await cli(['check', join(formats, 'survey.csv'), '-s', demo, '--header-row', '2', '--format', 'json', '--as-of', '2026-01-01']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('title');
  });

  it('--map reads an unknown column as a field', async () => {
    const run = await cli(['check', join(root, 'fixtures', 'demo-survey.csv'), '-s', demo, '--map', '备注=build_type', '--format', 'json', '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('备注');
    const bad = await cli(['check', join(root, 'fixtures', 'demo-survey.csv'), '-s', demo, '--map', '备注=nmae', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "name"');
  });

  it('a --sheet that does not exist names the sheets there are', async () => {
    const run = await cli(['check', join(formats, 'survey-libreoffice.xlsx'), '-s', demo, '--sheet', '表2', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no worksheet "表2"; the workbook has survey');
  });
});
