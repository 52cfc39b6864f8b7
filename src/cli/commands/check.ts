// dabiao check: stream survey records through the compiled standards into one or more reports.
import { checkKinds } from '../../engine/checks/index.js';
import { compile } from '../../engine/compile.js';
import { evaluate } from '../../engine/evaluate.js';
import { exitCodeFor, SummaryBuilder } from '../../engine/summary.js';
import { DabiaoError } from '../../errors.js';
import { makeContext } from '../../report/context.js';
import { isReportFormat, REPORT_FORMATS } from '../../report/formats.js';
import type { ReportWriter } from '../../report/format.js';
import { readSurvey } from '../../survey/read-survey.js';
import type { Io } from '../io.js';
import { useColor } from '../io.js';
import { fileOutput, stdoutOutput, type Output } from '../output.js';
import { loadAll, parseAsOf, parseLang } from '../setup.js';
import { surveyOptions, type SurveyCliOptions } from '../survey-options.js';
import { renderNotice } from '../../i18n/notices.js';

export interface CheckOptions extends SurveyCliOptions {
  standard: string[];
  asOf?: string;
  format: string;
  output?: string;
  lang?: string;
  all?: boolean;
  maxRecords: string;
}

export async function check(files: string[], options: CheckOptions, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const asOf = parseAsOf(options.asOf, io.now());
  if (!isReportFormat(options.format)) {
    throw new DabiaoError({ code: 'usage', params: { detail: `--format must be one of ${Object.keys(REPORT_FORMATS).join(', ')}` } });
  }
  const maxRecords = Number(options.maxRecords);
  if (!Number.isInteger(maxRecords) || maxRecords < 0) throw new DabiaoError({ code: 'usage', params: { detail: '--max-records must be a whole number' } });

  const { dictionary, standards } = loadAll(options.standard);
  const plan = compile(standards, { asOf, dictionary, kinds: checkKinds });
  const output: Output = options.output ? fileOutput(options.output) : stdoutOutput(io.stdout);
  const color = !options.output && useColor(io.stdout, io.env);
  const context = makeContext({ lang, asOf, dictionary, standards, inputs: files, all: Boolean(options.all), maxRecords, color });
  const writer: ReportWriter = REPORT_FORMATS[options.format].create(output, context);
  const notices: string[] = [];
  const records = readSurvey(files, {
    ...(await surveyOptions(options, dictionary, standards)),
    onNotice: (notice) => notices.push(renderNotice(notice, lang)),
  });
  const summary = new SummaryBuilder(plan);
  try {
    // Build full results only for what the report lists; everything is still counted.
    const keep = context.all ? undefined : (status: string) => status === 'fail' || status === 'unknown';
    for await (const batch of evaluate(plan, records, keep ? { keep } : {})) {
      summary.add(batch);
      await writer.write(batch);
    }
    const final = summary.finish();
    await writer.end(final);
    await output.commit();
    for (const notice of notices) await io.stderr.write(`${notice}\n`);
    return exitCodeFor(final);
  } catch (error) {
    await output.discard();
    throw error;
  }
}
