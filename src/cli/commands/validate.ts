// dabiao validate: is the survey file itself well-formed, before any rule is judged?
// Exit 0 valid (warnings allowed), 1 data errors found, 2 unreadable.
import Table from 'cli-table3';
import { Chalk } from 'chalk';
import { renderFinding } from '../../i18n/findings.js';
import type { Dictionary, Lang } from '../../model.js';
import { columnLetters } from '../../text.js';
import type { Finding } from '../../survey/validate.js';
import { validateSurvey } from '../../survey/validate.js';
import type { Io } from '../io.js';
import { useColor } from '../io.js';
import { choice, loadAll, parseLang } from '../setup.js';
import { surveyOptions, type SurveyCliOptions } from '../survey-options.js';
import { neededFields } from '../field-hints.js';
import { githubAnnotations, sarifLog, type CiFinding } from '../../report/ci-findings.js';
import { xml } from '../../report/escape.js';
import { VALIDATE_COLUMNS, VALIDATE_TEXT } from '../../i18n/command-text.js';

export interface ValidateCliOptions extends SurveyCliOptions {
  standard: string[];
  format: string;
  lang?: string;
}

function place(finding: Finding): string {
  const where = finding.sheet !== null ? `${finding.file}[${finding.sheet}]` : finding.file;
  if (finding.line === null) return where;
  if (finding.sheet !== null && finding.column !== null) return `${where}!${columnLetters(finding.column)}${finding.line}`;
  return `${where}:${finding.line}${finding.column !== null ? `:${finding.column}` : ''}`;
}

function label(dictionary: Dictionary, field: string | null, lang: Lang): string {
  if (field === null) return '';
  const def = dictionary.fields.get(field);
  return def ? def.label[lang] : field;
}

const FORMATS = ['table', 'json', 'sarif', 'github', 'junit'] as const;

/** The findings in a CI format: SARIF results, GitHub annotations or a JUnit suite, each at its file and line (sheet and cell for Excel). */
function ciReport(format: 'sarif' | 'github' | 'junit', findings: readonly Finding[], messages: readonly string[], files: readonly string[], now: Date): string {
  const cell = (finding: Finding): string | null => (finding.sheet !== null && finding.column !== null && finding.line !== null ? `${columnLetters(finding.column)}${finding.line}` : null);
  if (format !== 'junit') {
    const ci = findings.map((finding, i): CiFinding => {
      const place = finding.sheet !== null ? `${finding.sheet}${cell(finding) ? ` ${cell(finding)}` : ''}` : undefined;
      return {
        file: finding.file,
        line: finding.line,
        col: finding.sheet === null ? finding.column : null,
        code: finding.code,
        level: finding.severity === 'error' ? 'error' : 'warning',
        message: messages[i] ?? finding.code,
        ...(place !== undefined ? { sheetPlace: place } : {}),
        properties: { field: finding.field, value: finding.value, sheet: finding.sheet, cell: cell(finding) },
      };
    });
    return format === 'github' ? githubAnnotations('dabiao validate', ci) : sarifLog('dabiao validate', ci);
  }
  // JUnit: a suite per file, a failing test case per error, a skipped one per warning, one passing case for a clean file.
  const suites = files.map((file, index) => {
    const own = findings.map((finding, i) => ({ finding, message: messages[i] ?? '' })).filter(({ finding }) => finding.file === file);
    const errors = own.filter(({ finding }) => finding.severity === 'error').length;
    const cases = own.map(({ finding, message }) => {
      const where = `${finding.line ?? ''}${cell(finding) ? ` ${cell(finding)}` : ''}`;
      const open = `<testcase name="${xml(`${finding.code} ${where}`.trim())}" classname="${xml(`validate.${finding.code}`)}" time="0"`;
      return finding.severity === 'error' ? `${open}><failure type="${xml(finding.code)}" message="${xml(message)}"/></testcase>` : `${open}><skipped message="${xml(message)}"/></testcase>`;
    });
    if (cases.length === 0) cases.push(`<testcase name="${xml(file)}" classname="validate.file" time="0"/>`);
    return `  <testsuite name="${xml(file)}" id="${index}" package="dabiao" tests="${cases.length}" failures="${errors}" errors="0" skipped="${own.length - errors}" time="0" timestamp="${now.toISOString().slice(0, 19)}" hostname="dabiao">\n    <properties/>\n${cases.map((line) => `    ${line}\n`).join('')}    <system-out/>\n    <system-err/>\n  </testsuite>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('')}</testsuites>\n`;
}

export async function validate(files: string[], options: ValidateCliOptions, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const format = choice('--format', options.format, FORMATS);
  const { dictionary, standards } = loadAll(options.standard);
  const report = await validateSurvey(files, { ...(await surveyOptions(options, dictionary, standards)), needed: neededFields(standards) });
  const messages = report.findings.map((finding) => renderFinding(finding, lang, label(dictionary, finding.field, lang)));
  if (format === 'sarif' || format === 'github' || format === 'junit') {
    await io.stdout.write(ciReport(format, report.findings, messages, files, io.now()));
  } else if (format === 'json') {
    const findings = report.findings.map((finding, i) => ({
      ...finding,
      cell: finding.sheet !== null && finding.column !== null && finding.line !== null ? `${columnLetters(finding.column)}${finding.line}` : null,
      message: messages[i],
    }));
    await io.stdout.write(`${JSON.stringify({ version: '1', valid: report.errors === 0, errors: report.errors, warnings: report.warnings, files: report.files, findings }, null, 2)}\n`);
  } else {
    const chalk = new Chalk({ level: useColor(io.stdout, io.env) ? 1 : 0 });
    if (report.findings.length > 0) {
      const table = new Table({
        head: [...VALIDATE_COLUMNS[lang]],
        style: { head: [], border: [] },
        wordWrap: true,
        wrapOnWordBoundary: false,
        colWidths: [40, 10, 18, 64],
      });
      report.findings.forEach((finding, i) => {
        const severity = finding.severity === 'error' ? chalk.red(VALIDATE_TEXT.error[lang]) : chalk.yellow(VALIDATE_TEXT.warning[lang]);
        table.push([place(finding), severity, finding.code, messages[i] ?? '']);
      });
      await io.stdout.write(`${table.toString()}\n`);
    }
    const records = report.files.reduce((sum, file) => sum + file.records, 0);
    const shown = report.findings.length < report.errors + report.warnings ? VALIDATE_TEXT.firstListed[lang](report.findings.length) : '';
    const counts = VALIDATE_TEXT.counts[lang](files.length, records, report.errors, report.warnings, shown);
    await io.stdout.write(`${counts}${report.errors === 0 ? chalk.green(VALIDATE_TEXT.valid[lang]) : chalk.red(VALIDATE_TEXT.invalid[lang])}\n`);
  }
  return report.errors > 0 ? 1 : 0;
}
