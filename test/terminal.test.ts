// What a person reads: help in their language, and the terminal report: verdicts first, one line per
// problem under its record, every line within the terminal's width.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const sample = join('fixtures', 'sample-survey.csv');

describe('help in the user\'s language', () => {
  it('is Chinese by default', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('用法： dabiao [options] [command]');
    expect(run.stdout).toContain('check [options] <files...>     按标准检查调查表（CSV、Excel、JSON、NDJSON）');
    expect(run.stdout).toContain('-h, --help                     显示帮助');
    const check = await cli(['check', '--help']);
    expect(check.stdout).toContain('选项：');
    expect(check.stdout).toContain('--waivers <file>             经批准的豁免清单（YAML 或 JSON）：豁免的结果单独计数，不算通过');
    expect(check.stdout).toContain('退出码：0 全部必须条款通过；1 有必须条款不通过或无法判断；2 用法错误或文件无法读取');
    expect(check.stdout).not.toMatch(/\bOptions:|display help|write a report/);
  });

  it('is English with --lang en or DABIAO_LANG=en', async () => {
    const flag = await cli(['check', '--help', '--lang', 'en']);
    expect(flag.stdout).toContain('Options:');
    expect(flag.stdout).toContain('check survey files (CSV, Excel, JSON, NDJSON) against standards');
    const env = await cli(['validate', '--help'], { env: { DABIAO_LANG: 'en' } });
    expect(env.stdout).toContain('check that survey files are well-formed before any rule is judged');
    expect(env.stdout).not.toMatch(/[选项用法]/);
  });
});

describe('the terminal report of the sample at 80 columns', () => {
  const args = ['check', sample, '-s', 'xishan-2008'];

  it('fits every line in 80 columns and the whole in under 200 lines, matching its golden file', async () => {
    const run = await cli(args, { env: { COLUMNS: '80' } });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(200);
    expect(Math.max(...lines.map((line) => stringWidth(line)))).toBeLessThanOrEqual(80);
    // Verdicts first: the roll-up, then every record.
    expect(lines[0]).toBe('本调查表未覆盖 2 条规则，缺少数据列：“是否整合现有功能和设施开展服务中心相应服');
    expect(lines.findIndex((line) => line.startsWith('● 汇总：各区域达标情况'))).toBe(3);
    expect(lines.filter((line) => /^XS-/.test(line))).toHaveLength(10);
    // One line per problem: five failures and two unknowns of required rules under the records, one
    // unknown aggregate target; the sixteen guidance results collapsed into a line per record.
    expect(lines.filter((line) => line.startsWith('    ✗ '))).toHaveLength(5);
    expect(lines.filter((line) => line.startsWith('    ? '))).toEqual([
      '    ? 缺少数据：持职业资格证书社工人数  certified-social-worker',
      '    ? 缺少数据：持职业资格证书社工人数  certified-social-worker',
      '    ? 东港镇：75% (3/4)，要求 ≥ 100%；1 条记录数据缺失，无法判断  xishan-2008/',
    ]);
    expect(lines.filter((line) => line.startsWith('    ⚠ '))).toHaveLength(0);
    expect(lines).toContain('    ✗ 是否配套残疾人无障碍设施：否，要求：是  barrier-free-facilities');
    expect(lines).toContain('  另有 3 项指导性条款或未到期目标未达到，不影响判定（--verbose 列出）');
    expect(run.stdout).toBe(readFileSync(join(root, 'test', 'golden', 'sample-terminal.txt'), 'utf8'));
  });

  it('--verbose lists the guidance and puts the clause under each problem', async () => {
    const lines = (await cli([...args, '--verbose'], { env: { COLUMNS: '80' } })).stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('    ⚠ ')).length).toBe(16);
    const at = lines.indexOf('    ✗ 是否配套残疾人无障碍设施：否，要求：是  barrier-free-facilities');
    expect(lines[at + 1]?.startsWith('      三、完善農村社區的基礎設施,搭建農村社區建設平臺')).toBe(true);
  });

  it('--quiet prints the verdicts and the closing line only', async () => {
    const run = await cli([...args, '--quiet'], { env: { COLUMNS: '80' } });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.filter((line) => /^ {4}[✗?⚠]/.test(line))).toEqual([]);
    expect(lines).toContain('  不达标：xishan-2008');
    expect(lines.filter((line) => /^XS-/.test(line))).toHaveLength(10);
    expect(lines.slice(-2)).toEqual(['10 条记录（截至 2026-11-22）：通过 56，不通过 20，无法判断 7，不适用 119；警告', '  15，未到期 0。不达标：5 项必须条款不通过，6 项无法判断']);
  });

  it('--max-records keeps its meaning', async () => {
    const stdout = (await cli([...args, '--max-records', '3'], { env: { COLUMNS: '80' } })).stdout;
    expect(stdout.split('\n').filter((line) => /^XS-/.test(line))).toHaveLength(3);
    expect(stdout.replace(/\n {2}/g, '')).toContain('另有 7 条记录未在此列出（其判定已计入汇总；--max-records 0 显示全部，完整清单见 JSON 报告）。');
  });
});
