// One chunk of a large survey, judged where it is read (a worker thread, or the main thread's share): typed batches through the
// compiled plan, the streamed reports' texts made on the spot, and everything the main thread adds up
// (counts, aggregate states, notices) returned as plain data that merges exactly.
import { checkKinds } from '../../engine/checks/index.js';
import { compile, type Plan } from '../../engine/compile.js';
import { Evaluator, type AggregateStates } from '../../engine/evaluate.js';
import { SummaryBuilder, type SummaryState } from '../../engine/summary.js';
import { DabiaoError, type Problem } from '../../errors.js';
import type { Dictionary, Lang, RecordVerdict, Result, Standard } from '../../model.js';
import { makeContext, ruleKey } from '../../report/context.js';
import { listedParts, listingFor, type Listing } from '../../report/listing.js';
import { joinRendered, type Rendered, type ResultBatch } from '../../report/format.js';
import { loadFormats, type ReportFormatName } from '../../report/formats.js';
import type { HeaderInfo } from '../../survey/reader.js';
import { FileNotices, type NoticesState } from '../../survey/notices.js';
import { readChunk } from '../../survey/read-survey.js';
import { nextTurn } from '../next-turn.js';
import { Parsers } from '../../survey/typing.js';
import { HeaderMatcher } from '../../survey/headers.js';
import type { Waiver } from '../../standards/waivers.js';

/** Everything a worker needs to judge chunks of one file as the main thread would: plain data. */
export interface ChunkSetup {
  file: string;
  format: string | undefined;
  header: HeaderInfo | null;
  dictionary: Dictionary;
  standards: Standard[];
  asOf: string;
  year: number;
  mapping: [string, string][];
  itemFields: [string, string[]][];
  only: string[];
  /** Waivers in force, applied where the chunk is judged. */
  waivers: Waiver[];
  /** The reports, by format name, with the context they are written in. */
  targets: ReportFormatName[];
  lang: Lang;
  all: boolean;
  maxRecords: number;
  inputs: string[];
}

export interface ChunkOutput {
  records: number;
  summary: SummaryState;
  aggregates: AggregateStates;
  /** The waivers whose record the chunk held. */
  waiversSeen: number[];
  notices: NoticesState;
  /** Per target: its text for this chunk where the format renders batches, null otherwise. */
  rendered: ({ body: Uint8Array; records?: Uint8Array } | null)[];
  /** The listed results, for the reports that keep state across batches (table, HTML, JUnit …). */
  results: Result[] | null;
  /** Every record with its verdicts, for the reports that show them (table, HTML, Markdown). */
  verdicts: RecordVerdict[] | null;
  /** A problem with the chunk (a ragged row, a bad line): the run stops at the first, in input order. */
  error: Problem[] | null;
}

export interface Prepared {
  plan: Plan;
  /** Cell parses and header matches remembered across the chunks a thread judges. */
  parsers: Parsers;
  matcher: HeaderMatcher;
  renderers: (((batch: ResultBatch) => Rendered) | null)[];
  listing: Listing;
  collect: boolean;
  /** Chunks this thread has judged: its first is read in small blocks (csv.ts). */
  judged: number;
}

export async function prepare(setup: ChunkSetup): Promise<Prepared> {
  const plan = compile(setup.standards, { asOf: setup.asOf, year: setup.year, dictionary: setup.dictionary, kinds: checkKinds, waivers: setup.waivers });
  const context = makeContext({
    lang: setup.lang,
    asOf: setup.asOf,
    dictionary: setup.dictionary,
    standards: setup.standards,
    inputs: setup.inputs,
    all: setup.all,
    maxRecords: setup.maxRecords,
    color: false,
    recordRules: plan.recordRules.map((rule) => ruleKey(rule.standard.id, rule.rule.id)),
  });
  const formats = await loadFormats(setup.targets);
  return {
    plan,
    parsers: new Parsers(setup.dictionary),
    matcher: new HeaderMatcher(setup.dictionary, new Map(setup.mapping)),
    renderers: formats.map((format) => format.renderBatch?.(context) ?? null),
    listing: listingFor(formats, setup.all),
    collect: formats.some((format) => !format.renderBatch && !format.listsNone),
    judged: 0,
  };
}

export async function runChunk(setup: ChunkSetup, prepared: Prepared, bytes: Uint8Array, firstLine: number): Promise<ChunkOutput> {
  const summary = new SummaryBuilder(prepared.plan);
  const evaluator = new Evaluator(prepared.plan);
  const notices = new FileNotices();
  const rendered: (Rendered[] | null)[] = prepared.renderers.map((render) => (render ? [] : null));
  const results: Result[] | null = prepared.collect ? [] : null;
  const verdicts: RecordVerdict[] | null = prepared.listing.records ? [] : null;
  let records = 0;
  const options = {
    dictionary: setup.dictionary,
    ...(setup.format ? { format: setup.format } : {}),
    mapping: new Map(setup.mapping),
    itemFields: new Map(setup.itemFields),
    only: new Set(setup.only),
    smallFirstBlocks: prepared.judged++ === 0,
  };
  try {
    for await (const batch of readChunk(bytes, setup.file, { firstLine, header: setup.header }, options, notices, prepared.parsers, prepared.matcher)) {
      const evaluated = evaluator.evaluate(batch);
      records += batch.size;
      summary.addBatch(evaluated);
      for (const part of listedParts(evaluated, prepared.listing, prepared.plan.recordRules.length)) {
        prepared.renderers.forEach((render, i) => {
          if (render) rendered[i]?.push(render(part));
        });
        if (results) for (const result of part.results) results.push(result);
        if (verdicts) for (const record of part.records ?? []) verdicts.push(record);
        await nextTurn();
      }
    }
  } catch (error) {
    if (!(error instanceof DabiaoError)) throw error;
    return { records, summary: summary.state(), aggregates: evaluator.aggregateStates(), waiversSeen: evaluator.waiversSeen(), notices: notices.state(), rendered: [], results: null, verdicts: null, error: [...error.problems] };
  }
  return {
    records,
    summary: summary.state(),
    aggregates: evaluator.aggregateStates(),
    waiversSeen: evaluator.waiversSeen(),
    notices: notices.state(),
    rendered: rendered.map((parts) => (parts ? joinRendered(parts) : null)),
    results,
    verdicts,
    error: null,
  };
}
