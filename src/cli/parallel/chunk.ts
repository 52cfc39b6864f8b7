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

/** Buffers kept for rendered texts: the chunks queued at a worker and the one being written, within a
 * size. A matrix chunk's text is about 1 MB; a JSON report's run to megabytes, and keeping 16 MiB of them
 * with a quarter to spare each, the JSON report at 300,000 rows peaked at 430-478 MiB against 386-428
 * before any was kept (411-427 as here). */
const RENDER_BUFFERS_KEPT = 6;
const RENDER_BYTES_KEPT = 8 * 1024 * 1024;

/**
 * The buffers a thread writes its chunks' rendered texts into, given back once the main thread has
 * written them. Made afresh for each chunk, they were freed only when the main thread's collector came
 * to them, often long after, and in the 12-rule benchmark at 1,000,000 rows two dozen of them (over
 * 20 MB) waited to be freed at a time, the allocator's heaps growing through the run.
 */
export class RenderBuffers {
  private free: ArrayBuffer[] = [];

  /** A view of `bytes` bytes at the start of the smallest kept buffer that holds them, or of a new one. */
  take(bytes: number): Uint8Array {
    let index = -1;
    this.free.forEach((buffer, i) => {
      if (buffer.byteLength >= bytes && (index === -1 || buffer.byteLength < (this.free[index] as ArrayBuffer).byteLength)) index = i;
    });
    // A new buffer has a little room to spare: the next chunk's text is rarely exactly as long.
    const buffer = index === -1 ? new ArrayBuffer(Math.ceil((bytes * 1.0625) / 65536) * 65536) : (this.free.splice(index, 1)[0] as ArrayBuffer);
    return new Uint8Array(buffer, 0, bytes);
  }

  /** A buffer written out: kept, largest first, within RENDER_BUFFERS_KEPT and RENDER_BYTES_KEPT. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0) return; // moved elsewhere meanwhile (detached)
    let total = 0;
    this.free = [...this.free, buffer]
      .sort((a, b) => b.byteLength - a.byteLength)
      .filter((kept) => {
        if (total + kept.byteLength > RENDER_BYTES_KEPT) return false;
        total += kept.byteLength;
        return true;
      })
      .slice(0, RENDER_BUFFERS_KEPT);
  }
}

/** The buffers of an output's rendered texts, to be given back once they are written. */
export function renderedBuffers(output: ChunkOutput): ArrayBuffer[] {
  return output.rendered.flatMap((rendered) => (rendered ? [rendered.body.buffer as ArrayBuffer, ...(rendered.records ? [rendered.records.buffer as ArrayBuffer] : [])] : []));
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

/** Judges one chunk; its rendered texts are written into buffers from `buffers`. */
export async function runChunk(setup: ChunkSetup, prepared: Prepared, bytes: Uint8Array, firstLine: number, buffers: RenderBuffers): Promise<ChunkOutput> {
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
    rendered: rendered.map((parts) => (parts ? joinRendered(parts, (size) => buffers.take(size)) : null)),
    results,
    verdicts,
    error: null,
  };
}
