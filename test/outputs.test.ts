// Outputs never destroy inputs or devices: a report path that is an input of the run, a folder, a
// device or pipe, or a path in a missing folder is refused before anything is read; a run stopped by a
// signal leaves neither its report nor a temporary file behind.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const demo = join(root, 'fixtures', 'standards', 'area-only.yaml');
const survey = '编号,级别,服务中心面积\nA,村,400\n';

function workspace(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dabiao-out-'));
  const file = join(dir, 'a.csv');
  writeFileSync(file, survey);
  return { dir, file };
}

describe('an output path that would destroy something is refused, exit 2, one line', () => {
  it('the survey itself: `check a.csv -f csv -o a.csv` leaves the survey as it was', async () => {
    const { file } = workspace();
    const run = await cli(['check', file, '-s', demo, '-f', 'csv', '-o', file]);
    expect([run.code, run.stderr, run.stdout]).toEqual([2, `dabiao: ${file}: 不能写入报告：这是本次运行读取的输入文件，写入会覆盖它\n`, '']);
    expect(readFileSync(file, 'utf8')).toBe(survey);
  });

  it('the survey reached through a symlink, or the standard or mapping file of the run', async () => {
    const { dir, file } = workspace();
    const link = join(dir, 'link.json');
    symlinkSync(file, link);
    const mapping = join(dir, 'map.yaml');
    writeFileSync(mapping, '面积: service_center_area_m2\n');
    const standardCopy = join(dir, 'std.yaml');
    writeFileSync(standardCopy, readFileSync(demo));
    for (const [target, args] of [
      [link, ['-s', demo]],
      [standardCopy, ['-s', standardCopy]],
      [mapping, ['-s', demo, '--map-file', mapping]],
    ] as const) {
      const before = readFileSync(target, 'utf8');
      const run = await cli(['check', file, ...args, '-f', 'json', '-o', target, '--lang', 'en']);
      expect([run.code, run.stderr]).toEqual([2, `dabiao: ${target}: will not write a report here: it is an input of this run and would be overwritten\n`]);
      expect(readFileSync(target, 'utf8')).toBe(before);
    }
  });

  it('a device: /dev/null stays a character device', async () => {
    const { file } = workspace();
    const run = await cli(['check', file, '-s', demo, '-f', 'json', '-o', '/dev/null', '--lang', 'en']);
    expect([run.code, run.stderr]).toEqual([2, 'dabiao: /dev/null: will not write a report here: it is not a regular file (a device, a pipe …) and would be replaced\n']);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a named pipe stays a pipe', async () => {
    const { dir, file } = workspace();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const run = await cli(['check', file, '-s', demo, '-o', join(dir, 'pipe'), '-f', 'json']);
    expect(run.code).toBe(2);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('a folder, and a path in a folder that does not exist, are named as such (no internal error)', async () => {
    const { dir, file } = workspace();
    mkdirSync(join(dir, 'reports'));
    const folder = await cli(['check', file, '-s', demo, '-f', 'json', '-o', join(dir, 'reports'), '--lang', 'en']);
    expect([folder.code, folder.stderr]).toEqual([2, `dabiao: ${join(dir, 'reports')}: will not write a report here: it is a folder\n`]);
    const missing = await cli(['check', file, '-s', demo, '-o', join(dir, 'nowhere', 'r.json'), '--lang', 'en']);
    expect([missing.code, missing.stderr]).toEqual([2, `dabiao: ${join(dir, 'nowhere', 'r.json')}: will not write a report here: its folder does not exist\n`]);
  });

  it('the same report file named twice', async () => {
    const { dir, file } = workspace();
    const run = await cli(['check', file, '-s', demo, '-o', join(dir, 'r.json'), '-o', join(dir, 'r.json'), '--lang', 'en']);
    expect([run.code, run.stderr]).toEqual([2, `dabiao: ${join(dir, 'r.json')}: will not write a report here: the same file is named twice\n`]);
  });

  it('an existing report file is replaced as before', async () => {
    const { dir, file } = workspace();
    const report = join(dir, 'r.json');
    writeFileSync(report, 'old');
    const run = await cli(['check', file, '-s', demo, '-o', report]);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(report, 'utf8')).summary.records).toBe(1);
  });

  it('template -o onto a standard it reads is refused', async () => {
    const { dir } = workspace();
    const standardCopy = join(dir, 'std.yaml');
    writeFileSync(standardCopy, readFileSync(demo));
    const run = await cli(['template', '-s', standardCopy, '-o', standardCopy]);
    expect(run.code).toBe(2);
    expect(readFileSync(standardCopy, 'utf8')).toBe(readFileSync(demo, 'utf8'));
  });
});

describe('a run stopped by a signal', () => {
  /** The signals that stop a run, with the exit code each gives (128 + n). */
  const SIGNALS = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const;
  /** A survey of 400,000 records: long enough to be stopped while its report is being written. */
  const bigSurvey = (): { dir: string; big: string } => {
    const { dir } = workspace();
    const big = join(dir, 'big.csv');
    const rows = ['编号,级别,类型,户数,服务中心面积'];
    for (let i = 0; i < 400_000; i++) rows.push(`V${i},村,农村,${500 + (i % 1000)},${300 + (i % 200)}`);
    writeFileSync(big, `${rows.join('\n')}\n`);
    return { dir, big };
  };

  it.each(SIGNALS)('%s leaves no report and no temporary file, exit %i', async (signal, exitCode) => {
    const { dir, big } = bigSurvey();
    const report = join(dir, 'report.json');
    const child = spawn(process.execPath, [join(root, 'bin', 'dabiao.js'), 'check', big, '-o', report], { stdio: 'ignore' });
    const temporary = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    // The temporary report exists from the start of the run: stop the run once it is there.
    while (temporary().length === 0 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(temporary()).toHaveLength(1);
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    expect(code).toBe(exitCode);
    expect(temporary()).toEqual([]);
    expect(existsSync(report)).toBe(false);
  }, 60_000);

  it.each(SIGNALS)('%s cuts a stdout file back to empty, exit %i', async (signal, exitCode) => {
    const { dir, big } = bigSurvey();
    const stdout = join(dir, 'stdout.csv');
    const out = openSync(stdout, 'w');
    const child = spawn(process.execPath, [join(root, 'bin', 'dabiao.js'), 'check', big, '-f', 'matrix', '--threads', '1'], { stdio: ['ignore', out, 'ignore'] });
    closeSync(out);
    // The report is written into the file as the run goes: stop the run once part of it is there.
    while (statSync(stdout).size === 0 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statSync(stdout).size).toBeGreaterThan(0);
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    expect(code).toBe(exitCode);
    expect(statSync(stdout).size).toBe(0);
  }, 60_000);
});
