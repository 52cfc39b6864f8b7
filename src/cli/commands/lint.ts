// dabiao lint FILE...: validate standard files the way `check` loads them (the standards they extend
// included), every problem of a file at once, each at its file:line:col in the user's language; as
// lines for people, or JSON, SARIF or GitHub annotations for CI.
import { checkKinds } from '../../engine/checks/index.js';
import { DabiaoError, type Problem } from '../../errors.js';
import { renderProblem } from '../../i18n/problems.js';
import { loadDictionary, loadStandardFile } from '../../standards/load.js';
import { githubAnnotations, sarifLog, type CiFinding } from '../../report/ci-findings.js';
import type { Io } from '../io.js';
import { choice, parseLang } from '../setup.js';
import { renderProblemLine } from '../render-error.js';
import { singleLine } from '../../text.js';
import { LINT_TEXT } from '../../i18n/command-text.js';

const FORMATS = ['table', 'json', 'sarif', 'github'] as const;

interface Finding {
  file: string;
  line: number | null;
  col: number | null;
  code: string;
  message: string;
}

export async function lint(files: string[], options: { lang?: string; format?: string }, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const format = choice('--format', options.format ?? 'table', FORMATS);
  const dictionary = loadDictionary();
  const findings: Finding[] = [];
  const valid: { file: string; rules: number }[] = [];
  for (const file of files) {
    try {
      const standard = loadStandardFile(file, { dictionary, kinds: checkKinds, strict: true });
      valid.push({ file, rules: standard.rules.length });
    } catch (error) {
      if (!(error instanceof DabiaoError)) throw error;
      for (const problem of error.problems) {
        if (format === 'table') await io.stderr.write(`${renderProblemLine(problem, lang)}\n`);
        findings.push(finding(problem, file, lang));
      }
    }
  }
  if (format === 'table') {
    for (const { file, rules } of valid) await io.stdout.write(`${LINT_TEXT.valid[lang](file, rules)}\n`);
  } else if (format === 'json') {
    await io.stdout.write(`${JSON.stringify({ files: files.length, valid: valid.map((entry) => entry.file), problems: findings }, null, 2)}\n`);
  } else {
    const ci = findings.map((f): CiFinding => ({ ...f, level: 'error' }));
    await io.stdout.write(format === 'github' ? githubAnnotations('dabiao lint', ci) : sarifLog('dabiao lint', ci));
  }
  return findings.length > 0 ? 2 : 0;
}

function finding(problem: Problem, file: string, lang: 'zh' | 'en'): Finding {
  return {
    file: problem.location?.file ?? file,
    line: problem.location?.line ?? null,
    col: problem.location?.col ?? null,
    code: problem.code,
    message: singleLine(renderProblem(problem.code, problem.params, lang)),
  };
}
