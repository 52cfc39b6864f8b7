// dabiao check: stream survey records through the compiled standards into one or more reports.
import { checkKinds } from '../../engine/checks/index.js';
import { compile } from '../../engine/compile.js';
import { Evaluator } from '../../engine/evaluate.js';
import type { Batch } from '../../batch.js';
import type { Lang } from '../../model.js';
import type { Problem } from '../../errors.js';
import type { Notice } from '../../i18n/notices.js';
import { FileNotices } from '../../survey/notices.js';
import { HeaderMatcher } from '../../survey/headers.js';
import type { HeaderInfo } from '../../survey/reader.js';
import type { ChunkSetup } from '../parallel/chunk.js';
import { judgeRest, planSplit, startWorkers, type ChunkWorker, type SplitPlan } from '../parallel/pool.js';
import { stat } from 'node:fs/promises';
import { exitCodeFor, SummaryBuilder } from '../../engine/summary.js';
import { DabiaoError } from '../../errors.js';
import { makeContext, ruleKey } from '../../report/context.js';
import { listedParts, listingFor } from '../../report/listing.js';
import { formatForFile, isReportFormat, loadFormats, REPORT_FORMATS, type ReportFormatName } from '../../report/formats.js';
import type { ReportFormat, ReportWriter } from '../../report/format.js';
import { readSurvey } from '../../survey/read-survey.js';
import { BUNDLED_DIR, DICTIONARY_FILE, readTextFile } from '../../standards/load.js';
import { parseWaivers } from '../../standards/waivers.js';
import { parseYaml } from '../../standards/yaml-source.js';
import { join } from 'node:path';
import type { Io } from '../io.js';
import { useColor } from '../io.js';
import { checkOutputPath, fileOutput, stdoutOutput, type Output } from '../output.js';
import { choice, loadAll, parseAsOf, parseLang, parseYear } from '../setup.js';
import { encodingOption, surveyOptions, type SurveyCliOptions } from '../survey-options.js';
import { renderNotice } from '../../i18n/notices.js';
import { startProgress } from '../progress.js';
import { neededFields } from '../field-hints.js';
import { nextTurn } from '../next-turn.js';
import { standardWarnings } from '../render-error.js';

async function fileSize(file: string): Promise<number> {
  return stat(file).then((info) => info.size).catch(() => 0);
}

/** --threads N: how many worker threads judge a large file (1: none). */
function threadCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new DabiaoError({ code: 'bad-usage', params: { what: 'threads' } });
  return count;
}

export interface CheckOptions extends SurveyCliOptions {
  threads?: string;
  standard: string[];
  asOf?: string;
  year?: string;
  format: string[];
  output: string[];
  lang?: string;
  all?: boolean;
  maxRecords: string;
  failOn: string;
  waivers?: string;
  verbose?: boolean;
  quiet?: boolean;
}

const FAIL_ON = ['fail', 'unknown', 'guidance'] as const;

/**
 * Which report goes where. As many --format as -o: paired in order. Otherwise each -o takes the format
 * its extension names (report.sarif, report.xml for JUnit …), an -o without a known extension takes the
 * next --format left, and a --format left over goes to standard output (one at most).
 */
export function reportTargets(formats: readonly string[], outputs: readonly string[]): { format: ReportFormatName; output: string | undefined }[] {
  const checked = (name: string): ReportFormatName => {
    if (!isReportFormat(name)) throw new DabiaoError({ code: 'bad-option', params: { option: '--format', allowed: Object.keys(REPORT_FORMATS).join(', ') } });
    return name;
  };
  if (formats.length === 0 && outputs.length === 0) return [{ format: 'table', output: undefined }];
  if (formats.length === outputs.length) return formats.map((format, i) => ({ format: checked(format), output: outputs[i] }));
  const left = formats.map(checked);
  const targets: { format: ReportFormatName; output: string | undefined }[] = [];
  const pending: string[] = [];
  for (const output of outputs) {
    const format = formatForFile(output);
    if (format === undefined) {
      pending.push(output);
      continue;
    }
    const at = left.indexOf(format);
    if (at !== -1) left.splice(at, 1);
    targets.push({ format, output });
  }
  for (const output of pending) {
    const format = left.shift();
    if (format === undefined) throw new DabiaoError({ code: 'bad-usage', params: { what: 'report-format', value: output } });
    targets.push({ format, output });
  }
  if (left.length > 1) throw new DabiaoError({ code: 'bad-usage', params: { what: 'one-stdout' } });
  for (const format of left) targets.push({ format, output: undefined });
  return targets;
}

export async function check(files: string[], options: CheckOptions, io: Io): Promise<number> {
  const lang = parseLang(options.lang);
  const asOf = parseAsOf(options.asOf, io.now());
  const targets = reportTargets(options.format, options.output);
  const failOn = choice('--fail-on', options.failOn, FAIL_ON);
  const maxRecords = Number(options.maxRecords);
  if (!Number.isInteger(maxRecords) || maxRecords < 0) throw new DabiaoError({ code: 'bad-usage', params: { what: 'max-records' } });
  const threads = options.threads === undefined ? undefined : threadCount(options.threads);
  // A first file large enough for worker threads: they start now, loading their code while the
  // standards load here (about 0.3 s a worker would otherwise idle at the start of its first chunk).
  const early = await earlySplit(files[0], options, threads);
  try {
    return await checkFiles(files, options, io, { lang, asOf, targets, failOn, maxRecords, threads }, early);
  } finally {
    await Promise.all(early?.workers.map((worker) => worker.stop()) ?? []);
  }
}

/** The first file's split, planned before the standards load, and its workers. */
interface EarlySplit {
  split: SplitPlan;
  workers: ChunkWorker[];
}

async function earlySplit(file: string | undefined, options: CheckOptions, threads: number | undefined): Promise<EarlySplit | undefined> {
  if (file === undefined) return undefined;
  try {
    const split = await planSplit(file, options.inputFormat, encodingOption(options), threads);
    return split ? { split, workers: startWorkers(split) } : undefined;
  } catch {
    // Whatever is wrong with the file is told where it is read, in its turn.
    return undefined;
  }
}

interface CheckSettings {
  lang: Lang;
  asOf: string;
  targets: ReturnType<typeof reportTargets>;
  failOn: (typeof FAIL_ON)[number];
  maxRecords: number;
  threads: number | undefined;
}

async function checkFiles(files: string[], options: CheckOptions, io: Io, settings: CheckSettings, early: EarlySplit | undefined): Promise<number> {
  const { lang, asOf, targets, failOn, maxRecords, threads } = settings;
  const { dictionary, standards } = loadAll(options.standard);
  const waivers = options.waivers ? parseWaivers(parseYaml(readTextFile(options.waivers), options.waivers), standards, asOf) : undefined;
  // Nothing the run reads may be overwritten by a report.
  const inputs = [...files, ...standards.map((standard) => standard.file), join(BUNDLED_DIR, DICTIONARY_FILE), ...(options.mapFile ? [options.mapFile] : []), ...(options.waivers ? [options.waivers] : [])];
  targets.forEach((target, i) => {
    if (target.output) checkOutputPath(target.output, inputs, targets.slice(0, i).flatMap((t) => (t.output ? [t.output] : [])));
  });
  const plan = compile(standards, { asOf, year: parseYear(options.year, asOf), dictionary, kinds: checkKinds, ...(waivers ? { waivers: waivers.active } : {}) });
  // Lines of the terminal report wrap to the terminal, or to COLUMNS, or to 80.
  const width = io.stdout.columns ?? (Number(io.env.COLUMNS) > 20 ? Number(io.env.COLUMNS) : 80);
  const context = makeContext({
    lang,
    asOf,
    dictionary,
    standards,
    inputs: files,
    all: Boolean(options.all),
    maxRecords,
    color: false,
    recordRules: plan.recordRules.map((rule) => ruleKey(rule.standard.id, rule.rule.id)),
    width,
    verbose: Boolean(options.verbose),
    quiet: Boolean(options.quiet),
  });
  const outputs: Output[] = [];
  const writers: ReportWriter[] = [];
  const formats = await loadFormats(targets.map((target) => target.format));
  for (const [i, target] of targets.entries()) {
    const output = target.output ? fileOutput(target.output) : stdoutOutput(io.stdout, io.stderr);
    outputs.push(output);
    const color = target.output === undefined && useColor(io.stdout, io.env);
    writers.push((formats[i] as ReportFormat).create(output, { ...context, color }));
  }
  const notices: string[] = standardWarnings(standards, lang);
  for (const waiver of waivers?.expired ?? []) {
    notices.push(renderNotice({ code: 'waiver-expired', file: waivers?.file ?? '', params: { line: waiver.line, record: waiver.record, rule: `${waiver.standard}/${waiver.rule}`, expires: waiver.expires ?? '' } }, lang));
  }
  // A report streaming to the terminal is its own progress; otherwise a bar on stderr after a second.
  const reportOnTerminal = io.stdout.isTTY && targets.some((target) => target.output === undefined);
  const progress = await startProgress(reportOnTerminal ? undefined : io.progress, files, lang);
  // Build full results only for what some report lists; everything is still counted.
  const listing = listingFor(formats, context.all);
  // Only the fields the rules read are typed, and the record's id, name and region where results are listed.
  const only = neededFields(standards);
  only.add('region');
  if (listing.any) only.add('name');
  const readOptions = {
    ...(await surveyOptions(options, dictionary, standards)),
    only,
    onNotice: (notice: Notice) => notices.push(renderNotice(notice, lang)),
  };
  const summary = new SummaryBuilder(plan);
  const evaluator = new Evaluator(plan);
  const judge = async (batch: Batch): Promise<void> => {
    const evaluated = evaluator.evaluate(batch);
    progress.records(batch.size);
    summary.addBatch(evaluated);
    for (const part of listedParts(evaluated, listing, plan.recordRules.length)) {
      for (const writer of writers) await writer.write(part);
      await nextTurn();
    }
  };
  let bytesDone = 0;
  const onProgress = (before: number) => (bytes: number) => progress.bytes(before + bytes);
  try {
    for (const [index, file] of files.entries()) {
      const split = index === 0 && early ? early.split : await planSplit(file, options.inputFormat, readOptions.encoding, threads);
      const size = await fileSize(file);
      // The first blocks this thread reads are small, so its code is optimised once (csv.ts).
      const fileOptions = { ...readOptions, smallFirstBlocks: index === 0 };
      if (!split) {
        for await (const batch of readSurvey([file], { ...fileOptions, onProgress: onProgress(bytesDone) })) await judge(batch);
        bytesDone += size;
        continue;
      }
      // A large file: its head read here (the header found and told), the rest judged in workers.
      const fileNotices = new FileNotices();
      let header: HeaderInfo | null = null;
      let records = 0;
      let sheet: string | undefined;
      const head = split.head;
      for await (const batch of readSurvey([file], fileOptions, {
        notices: fileNotices,
        bytes: async function* () {
          yield head;
        },
        onHeader: (info) => void (header = info),
        onFileEnd: (_file, count, at) => {
          records += count;
          sheet = at;
        },
      })) {
        await judge(batch);
      }
      progress.bytes(bytesDone + head.length);
      const setup: ChunkSetup = {
        file,
        format: options.inputFormat,
        header,
        dictionary,
        standards,
        asOf,
        year: plan.year,
        mapping: [...(readOptions.mapping ?? [])],
        itemFields: [...(readOptions.itemFields ?? [])].map(([field, suffixes]) => [field, [...suffixes]]),
        only: [...only],
        waivers: waivers?.active ?? [],
        targets: targets.map((target) => target.format),
        lang,
        all: context.all,
        maxRecords,
        inputs: files,
      };
      let done = head.length;
      for await (const output of judgeRest(setup, split, (bytes) => progress.bytes(bytesDone + (done += bytes)), index === 0 ? early?.workers : undefined)) {
        if (output.error) throw new DabiaoError(output.error[0] as Problem, ...output.error.slice(1));
        records += output.records;
        progress.records(output.records);
        summary.merge(output.summary);
        evaluator.merge(output.aggregates, output.waiversSeen);
        fileNotices.merge(output.notices);
        for (const [i, writer] of writers.entries()) {
          const rendered = output.rendered[i];
          if (rendered !== null && rendered !== undefined && writer.writeRendered) await writer.writeRendered(rendered);
          else await writer.write({ results: output.results ?? [], aggregate: false, ...(output.verdicts ? { records: output.verdicts } : {}) });
        }
      }
      bytesDone += size;
      fileNotices.report(file, sheet, new HeaderMatcher(dictionary, readOptions.mapping), readOptions.onNotice);
      if (records === 0) throw new DabiaoError({ code: 'survey-no-records', params: {}, location: { file, line: 1 } });
    }
    const seen = new Set(evaluator.waiversSeen());
    (waivers?.active ?? []).forEach((waiver, index) => {
      if (!seen.has(index)) notices.push(renderNotice({ code: 'waiver-unmatched', file: waivers?.file ?? '', params: { line: waiver.line, record: waiver.record, rule: `${waiver.standard}/${waiver.rule}` } }, lang));
    });
    const aggregates = evaluator.finish();
    summary.addResults(aggregates);
    for (const writer of writers) await writer.write({ results: aggregates, aggregate: true });
    progress.stop();
    const final = summary.finish();
    const coverage = summary.coverage();
    for (const writer of writers) await writer.end(final, coverage);
    for (const output of outputs) await output.commit();
    for (const notice of notices) await io.stderr.write(`${notice}\n`);
    return exitCodeFor(final, failOn);
  } catch (error) {
    progress.stop();
    for (const output of outputs) await output.discard();
    throw error;
  }
}
