// The bad-file corpus (test/corpus/expected.yaml): each file gets a one-line error naming file and
// line (exit 2) or a visible, documented handling; never a crash, a hang, a stack trace or a pass.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const corpus = join(import.meta.dirname, 'corpus');
const standard = join(corpus, 'standard.yaml');

interface Expectation {
  check: { exit: number; at?: string; says?: string; notice?: string; unknown?: string[]; undetermined?: string[]; uncovered?: string[] };
  validate: { exit: number; finds?: string[] };
}

const expected = parse(readFileSync(join(corpus, 'expected.yaml'), 'utf8')) as Record<string, Expectation>;

async function checkFile(file: string, expectation: Expectation['check']): Promise<void> {
  const run = await cli(['check', file, '-s', standard, '--format', 'json', '--lang', 'en']);
  expect(run.code).toBe(expectation.exit);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  if (expectation.exit === 2) {
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${file}${expectation.at ?? ''}`);
    expect(run.stderr).toContain(expectation.says ?? '');
    return;
  }
  const report = JSON.parse(run.stdout) as {
    results: { record: string; status: string }[];
    records: { record: string; verdicts: Record<string, string> }[];
    coverage: { uncovered: { fields: string[] }[] }[];
  };
  const results = report.results;
  expect(results.map((r) => r.status)).not.toContain('pass');
  if (expectation.unknown) expect(results.filter((r) => r.status === 'unknown').map((r) => r.record)).toEqual(expectation.unknown);
  if (expectation.undetermined) expect(report.records.filter((r) => Object.values(r.verdicts).includes('undetermined')).map((r) => r.record)).toEqual(expectation.undetermined);
  if (expectation.uncovered) expect([...new Set(report.coverage.flatMap((entry) => entry.uncovered.flatMap((rule) => rule.fields)))]).toEqual(expectation.uncovered);
  if (expectation.notice) expect(run.stderr).toContain(expectation.notice);
}

describe.each(Object.entries(expected))('%s', (name, expectation) => {
  const file = join(corpus, name);
  it(`check exits ${expectation.check.exit}`, () => checkFile(file, expectation.check));
  it(`validate exits ${expectation.validate.exit}`, async () => {
    const run = await cli(['validate', file, '-s', standard, '--format', 'json', '--lang', 'en']);
    expect(run.code).toBe(expectation.validate.exit);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    if (expectation.validate.finds) {
      const findings = (JSON.parse(run.stdout) as { findings: { code: string; line: number }[] }).findings;
      expect(findings.filter((f) => f.code !== 'title-rows').map((f) => `${f.code}@${f.line}`)).toEqual(expectation.validate.finds);
    }
  });
});

describe('generated bad files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dabiao-corpus-'));

  it('a 20 MB cell is read, judged unknown, and does not hang', async () => {
    const file = join(dir, 'huge-cell.csv');
    writeFileSync(file, `编号,级别,服务中心面积\nA,村,${'9'.repeat(20 * 1024 * 1024)}x\nB,村,400\n`);
    const run = await cli(['check', file, '-s', standard, '--format', 'json', '--all']);
    expect(run.code).toBe(1);
    const results = (JSON.parse(run.stdout) as { results: { record: string; status: string; actual: string }[] }).results;
    expect(results.map((r) => [r.record, r.status])).toEqual([
      ['A', 'unknown'],
      ['B', 'pass'],
    ]);
    expect(results[0]?.actual.length).toBeLessThan(300);
  });

  it('JSON nested 10,000 levels is unknown, not a crash', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, `[{"编号": "A", "级别": "村", "服务中心面积": ${'['.repeat(10_000)}${']'.repeat(10_000)}}]`);
    const run = await cli(['check', file, '-s', standard, '--format', 'json']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['unknown']);
  });

  it('a UTF-8 file that switches to GBK past the first 64 KiB stops at the line that switched', async () => {
    const file = join(dir, 'switches.csv');
    const rows = ['编号,级别,服务中心面积'];
    for (let i = 0; i < 6000; i++) rows.push(`U${i},村,400`);
    const utf8 = Buffer.from(`${rows.join('\n')}\n`, 'utf8');
    expect(utf8.length).toBeGreaterThan(64 * 1024);
    writeFileSync(file, Buffer.concat([utf8, iconv.encode('G1,村,400\n', 'gbk')]));
    const run = await cli(['check', file, '-s', standard, '--format', 'json', '--lang', 'en']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:6002: this line is not valid UTF-8`);
  });
});
