// The matrix report: one line per record in input order, its id, a status per record rule, then its
// verdict under each standard.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';
import { POPULATION_RULE, standardYaml } from './helpers/standard-yaml.js';
import type { Batch } from '../src/batch.js';
import { matrixFormat } from '../src/report/matrix.js';
import type { ReportContext } from '../src/report/context.js';
import { loadDictionary } from '../src/standards/load.js';

const STANDARD = standardYaml(
  'm',
  '矩阵测试',
  'matrix test',
  `${POPULATION_RULE}  - id: village-area
    title: {zh: 村中心不少于300平方米, en: village centre at least 300 m2}
    scope: {level: [village]}
    severity: guidance
    check: {kind: min, field: service_center_area_m2, min: 300}
    citation: {section: s2, quote: q2}
  - id: share
    title: {zh: 覆盖率, en: coverage}
    severity: required
    check: {kind: share, of: {kind: boolean, field: has_service_center}, min: 50}
    citation: {section: s3, quote: q3}
`,
);

const SURVEY = [
  'id,level,population,service_center_area_m2,has_service_center',
  'A1,village,2000,300,是',
  'A2,village,1999,299.5,是',
  '"=HYPERLINK(""x"")",township,,300,否',
  '"甲,乙",village,2001,,是',
  '-7,village,2001,abc,是',
].join('\n');

describe('dabiao check -f matrix', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dabiao-matrix-'));
    writeFileSync(join(dir, 'm.yaml'), STANDARD);
    writeFileSync(join(dir, 'survey.csv'), SURVEY);
  });

  it('writes a status per record and rule, ids quoted and neutralised as in the CSV report', async () => {
    const run = await cli(['check', join(dir, 'survey.csv'), '-s', join(dir, 'm.yaml'), '-f', 'matrix']);
    // A1, A2 judged; the township's population is missing: exit 1 under the default --fail-on.
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        '\uFEFF编号,m/population,m/village-area,判定:m',
        'A1,pass,pass,compliant',
        // The required population fails; the guidance area never decides a verdict.
        'A2,fail,fail,non_compliant',
        `"'=HYPERLINK(""x"")",unknown,not_applicable,undetermined`,
        '"甲,乙",pass,unknown,compliant',
        "'-7,pass,unknown,compliant",
        '',
      ].join('\n'),
    );
  });

  it('names its columns in English with --lang en, and is chosen by the .matrix.csv extension', async () => {
    const out = join(dir, 'report.matrix.csv');
    const run = await cli(['check', join(dir, 'survey.csv'), '-s', join(dir, 'm.yaml'), '-o', out, '--lang', 'en']);
    expect(run.code).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('\uFEFFid,m/population,m/village-area,verdict:m');
    expect(text.split('\n')).toHaveLength(7);
  });

  it('writes more rules than fit one group of the memo (12 statuses), and two records alike from the memo', async () => {
    // Thirty rules "area at least 10 × n": an area of 75 passes the first seven and fails the rest.
    const rules = Array.from({ length: 30 }, (_, i) => {
      const n = String(i + 1).padStart(2, '0');
      return `  - id: r${n}\n    title: {zh: 面积${n}, en: area ${n}}\n    severity: required\n    check: {kind: min, field: service_center_area_m2, min: ${(i + 1) * 10}}\n    citation: {section: s${n}, quote: q${n}}\n`;
    });
    writeFileSync(join(dir, 'wide.yaml'), `id: w\ntitle: {zh: 宽, en: wide}\nsource: {document: test}\nrules:\n${rules.join('')}`);
    writeFileSync(join(dir, 'wide.csv'), 'id,service_center_area_m2\nB1,75\nB2,\nB3,75\nB4,300\n');
    const run = await cli(['check', join(dir, 'wide.csv'), '-s', join(dir, 'wide.yaml'), '-f', 'matrix']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]?.split(',')).toHaveLength(32);
    expect(lines[0]?.split(',').slice(12, 16)).toEqual(['w/r12', 'w/r13', 'w/r14', 'w/r15']);
    const b1 = ['B1', ...Array<string>(7).fill('pass'), ...Array<string>(23).fill('fail'), 'non_compliant'].join(',');
    expect(lines[1]).toBe(b1);
    expect(lines[2]).toBe(['B2', ...Array<string>(30).fill('unknown'), 'undetermined'].join(','));
    expect(lines[3]).toBe(b1.replace('B1', 'B3'));
    expect(lines[4]).toBe(['B4', ...Array<string>(30).fill('pass'), 'compliant'].join(','));
  });

  it('reads cells with "" escapes in any column, past a blank line and a total row', async () => {
    writeFileSync(
      join(dir, 'escapes.csv'),
      // Past the rows the header is sought among, where cells are read a column at a time.
      ['id,level,population,service_center_area_m2', ...Array.from({ length: 20 }, (_, i) => `F${i},village,2000,300`), 'E1,"vil""lage",2000,300', 'E2,village,"2""001",300', '', 'E3,village,2500,"3""00"', '合计,"""x""",9999,999', '"E""4",village,2100,310', 'E6,village,1900,"3""20"'].join('\n'),
    );
    const run = await cli(['check', join(dir, 'escapes.csv'), '-s', join(dir, 'm.yaml'), '-f', 'matrix']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').slice(21)).toEqual([
      // An unreadable level leaves the village rule unknown; the guidance rule never decides a verdict.
      'E1,pass,unknown,compliant',
      'E2,unknown,pass,undetermined',
      'E3,pass,unknown,compliant',
      '"E""4",pass,pass,compliant',
      'E6,fail,unknown,non_compliant',
      '',
    ]);
  });

  it('reads a file 960 KiB at a time, a quoted line break on the cut and a record across it kept whole', async () => {
    // A file is read 960 KiB at a time, each piece cut after its last line feed: here the last line feed
    // before byte 983,040 is inside a quoted name, so the record runs on into the next piece.
    const header = 'id,name,level,population,service_center_area_m2\n';
    const fillers: string[] = [];
    let size = header.length;
    while (size < 982_000) {
      const row = `F${String(fillers.length).padStart(6, '0')},x,village,2000,300\n`;
      fillers.push(row);
      size += row.length;
    }
    const before = 983_000 - size - 'R1,"'.length;
    const record = `R1,"${'a'.repeat(before)}\n${'b'.repeat(200)}",village,1000,300\n`;
    expect(size + record.indexOf('\n')).toBe(983_000);
    const text = `${header}${fillers.join('')}${record}G1,y,village,1500,300\n`;
    writeFileSync(join(dir, 'pieces.csv'), text);
    const run = await cli(['check', join(dir, 'pieces.csv'), '-s', join(dir, 'm.yaml'), '-f', 'json']);
    expect(run.code).toBe(1);
    const failed = (JSON.parse(run.stdout) as { results: { record: string; line: number; rule: string; status: string; actual: number }[] }).results.filter((result) => result.status === 'fail');
    // R1 starts on the line after the header and the fillers, and takes two lines.
    expect(failed.map((result) => [result.record, result.line, result.rule, result.actual])).toEqual([
      ['R1', fillers.length + 2, 'population', 1000],
      ['G1', fillers.length + 4, 'population', 1500],
    ]);
  });

  it('reads a line longer than one text (1.5 MB) as a text of its own, the lines after it in place', async () => {
    const rows = ['id,name,level,population,service_center_area_m2'];
    for (let i = 0; i < 30; i++) rows.push(`A${i},x,village,2000,300`);
    rows.push(`L1,${'名'.repeat(500_000)},village,1000,300`);
    for (let i = 0; i < 3; i++) rows.push(`B${i},x,village,${1998 + i},300`);
    writeFileSync(join(dir, 'long.csv'), `${rows.join('\n')}\n`);
    const run = await cli(['check', join(dir, 'long.csv'), '-s', join(dir, 'm.yaml'), '-f', 'json']);
    const failed = (JSON.parse(run.stdout) as { results: { record: string; line: number; status: string; actual: number }[] }).results.filter((result) => result.status === 'fail');
    expect(failed.map((result) => [result.record, result.line, result.actual])).toEqual([
      ['L1', 32, 1000],
      ['B0', 33, 1998],
      ['B1', 34, 1999],
    ]);
  });

  it('writes nothing for a survey with a header and no record: exit 2', async () => {
    writeFileSync(join(dir, 'empty.csv'), 'id,level,population\n');
    const run = await cli(['check', join(dir, 'empty.csv'), '-s', join(dir, 'm.yaml'), '-f', 'matrix']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});

/** What the matrix reads of a run (its lines come from the batch alone). */
function context(): ReportContext {
  const recordRules = Array.from({ length: 7 }, (_, c) => `t/r${c}`);
  return { lang: 'zh', asOf: '2026-12-01', dictionary: loadDictionary(), standards: [], rules: new Map(), inputs: ['x.csv'], all: false, maxRecords: 0, color: false, recordRules, verdictStandards: ['t'], width: 100, verbose: false, quiet: false };
}

describe('matrix lines from the memo', () => {
  const STATUS = ['pass', 'fail', 'unknown', 'not_applicable', 'waived'];
  const VERDICT = ['compliant', 'non_compliant', 'undetermined', 'not_applicable'];

  it('writes every combination of 7 statuses and a verdict right, each from its own entry of the memo', () => {
    // 5^7 combinations × 4 verdicts: more than one group's table may hold, so the line is two groups,
    // each key met twice (made, then read back); each line is checked against its words joined here.
    const size = 5 ** 7;
    const rows = Array.from({ length: 2 * size }, (_, row) => (row < size ? row : 2 * size - 1 - row));
    const statuses = Array.from({ length: 7 }, (_, c) => Uint8Array.from(rows, (combo) => Math.floor(combo / 5 ** c) % 5));
    const verdicts = [Uint8Array.from(rows, (combo) => combo % 4)];
    const ids = rows.map((combo, row) => `R${row}-${combo}`);
    const batch: Batch = {
      size: rows.length,
      file: 'x.csv',
      sheet: null,
      lines: Int32Array.from(rows, (_, row) => row + 2),
      columns: new Map([['id', { field: 'id', position: 1, state: new Uint8Array(rows.length), raw: new Map(), type: 'text', values: ids }]]),
    };
    const evaluated = { batch, statuses, verdicts, uncovered: statuses.map(() => false), results: () => [], records: () => [] };
    const render = (matrixFormat.renderBatch as NonNullable<typeof matrixFormat.renderBatch>)(context());
    const body = render({ results: [], aggregate: false, evaluated });
    const lines = new TextDecoder().decode(body.body as Uint8Array).split('\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[rows.length]).toBe('');
    rows.forEach((combo, row) => {
      const words = statuses.map((_, c) => STATUS[Math.floor(combo / 5 ** c) % 5]);
      const expected = [`R${row}-${combo}`, ...words, VERDICT[combo % 4]].join(',');
      if (lines[row] !== expected) expect(lines[row]).toBe(expected);
    });
    // Spot checks written out: the first line, and the last combination's line.
    expect(lines[0]).toBe('R0-0,pass,pass,pass,pass,pass,pass,pass,compliant');
    expect(lines[size - 1]).toBe(`R${size - 1}-78124,waived,waived,waived,waived,waived,waived,waived,compliant`);
  });

  it('writes 40 rules right, too many for a memo slot per key (hashed slots, taken over)', () => {
    // 40 columns of 5 statuses: a slot per key would take over 600,000 slots, so groups of 12 columns
    // share 4,096 slots each, and 3,000 random lines displace each other's bytes. Statuses from a fixed
    // pseudo-random sequence; each line checked against its words joined here.
    const size = 3000;
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 5;
    const statuses = Array.from({ length: 40 }, () => Uint8Array.from({ length: size }, next));
    const verdicts = [Uint8Array.from({ length: size }, (_, row) => row % 4)];
    const batch: Batch = {
      size,
      file: 'x.csv',
      sheet: null,
      lines: Int32Array.from({ length: size }, (_, row) => row + 2),
      columns: new Map([['id', { field: 'id', position: 1, state: new Uint8Array(size), raw: new Map(), type: 'text', values: Array.from({ length: size }, (_, row) => `W${row}`) }]]),
    };
    const evaluated = { batch, statuses, verdicts, uncovered: statuses.map(() => false), results: () => [], records: () => [] };
    const render = (matrixFormat.renderBatch as NonNullable<typeof matrixFormat.renderBatch>)(context());
    const lines = new TextDecoder().decode(render({ results: [], aggregate: false, evaluated }).body as Uint8Array).split('\n');
    expect(lines).toHaveLength(size + 1);
    for (let row = 0; row < size; row++) {
      const expected = [`W${row}`, ...statuses.map((codes) => STATUS[codes[row] as number]), VERDICT[row % 4]].join(',');
      if (lines[row] !== expected) expect(lines[row]).toBe(expected);
    }
    expect(lines[0]?.split(',')).toHaveLength(42);
  });
});
