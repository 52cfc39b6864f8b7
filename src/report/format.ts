// The contract of one report format: results stream in batch by batch, the summary comes last.
import type { EvaluatedBatch } from '../engine/evaluate.js';
import type { Coverage, Summary } from '../engine/summary.js';
import type { RecordVerdict, Result, Status } from '../model.js';
import type { ReportContext } from './context.js';
import type { Sink } from './sink.js';

/**
 * What a report receives: the listed results of a batch of records, record by record in input order
 * (or, once, the aggregate results), and the batch's statuses for formats that show every one.
 */
export interface ResultBatch {
  results: readonly Result[];
  aggregate: boolean;
  evaluated?: EvaluatedBatch;
  /** Every record of the batch with its verdicts (with the batch's first part, for formats that show them). */
  records?: readonly RecordVerdict[];
}

/** A batch's results grouped by record (consecutive results of the same file and line). */
export function byRecord(results: readonly Result[]): Result[][] {
  const groups: Result[][] = [];
  let current: Result[] | undefined;
  for (const result of results) {
    const last = current?.[0];
    if (!current || !last || last.file !== result.file || last.line !== result.line || last.sheet !== result.sheet) groups.push((current = [result]));
    else current.push(result);
  }
  return groups;
}

/** A batch's texts made where it was evaluated: the body, and what goes after it (JSON's `records`).
 * A worker sends them as UTF-8 bytes (moved, not copied, to the main thread, and written as they are),
 * so bytes given here are the caller's: a renderer never keeps or reuses them. */
export interface Rendered {
  body: string | Uint8Array;
  records?: string | Uint8Array;
}

const encoder = new TextEncoder();

/** Pieces of text or bytes as one run of UTF-8 bytes, in a buffer from `into` where given. */
function bytesOf(pieces: readonly (string | Uint8Array)[], into?: (bytes: number) => Uint8Array): Uint8Array {
  const only = pieces.length === 1 ? pieces[0] : undefined;
  // One piece of bytes that is its whole buffer (a chunk of one batch) is the run itself: no copy.
  if (!into && only instanceof Uint8Array && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only;
  if (!into && pieces.every((piece) => typeof piece === 'string')) return encoder.encode(pieces.join(''));
  const encoded = pieces.map((piece) => (typeof piece === 'string' ? encoder.encode(piece) : piece));
  const total = encoded.reduce((sum, piece) => sum + piece.length, 0);
  const out = into ? into(total) : new Uint8Array(total);
  let at = 0;
  for (const piece of encoded) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** Joins the rendered parts of several batches, in order, as UTF-8 bytes; `into` gives the buffer each
 * run is written into (`bytes` long), where the caller keeps buffers to use again. */
export function joinRendered(parts: readonly Rendered[], into?: (bytes: number) => Uint8Array): { body: Uint8Array; records?: Uint8Array } {
  const records = parts.flatMap((part) => (part.records !== undefined && part.records.length > 0 ? [part.records] : []));
  return { body: bytesOf(parts.map((part) => part.body), into), ...(records.length > 0 ? { records: bytesOf(records, into) } : {}) };
}

/** A rendered piece without its first character (the comma before a first JSON element: ASCII). */
export function withoutFirst(piece: string | Uint8Array): string | Uint8Array {
  return typeof piece === 'string' ? piece.slice(1) : piece.subarray(1);
}

/** Whether a rendered piece is empty. */
export function isEmpty(piece: string | Uint8Array): boolean {
  return piece.length === 0;
}

export interface ReportWriter {
  write(batch: ResultBatch): Promise<void>;
  /** A batch's texts made by the format's `renderBatch` where the batch was evaluated (a worker). */
  writeRendered?(rendered: Rendered): Promise<void>;
  /** The run's totals, and the rules some input could not feed at all. */
  end(summary: Summary, coverage: readonly Coverage[]): Promise<void>;
}

/** A report format's behaviour; its name and file extensions are in the registry (formats.ts). */
export interface ReportFormat {
  /** Results the format lists besides failures and unknowns (JUnit lists passes as test cases). */
  alsoLists?: readonly Status[];
  /** Formats that show statuses only (the matrix) need no result built in full. */
  listsNone?: boolean;
  /** Formats that show every record's verdicts (terminal, HTML, Markdown) get them with each batch. */
  showsRecords?: boolean;
  /**
   * Formats whose body is a run of per-batch texts (JSON results, matrix lines): the text of one batch,
   * pure, so it can be made in the worker that evaluated the batch; the writer's `writeRendered` puts
   * it in place.
   */
  renderBatch?(context: ReportContext): (batch: ResultBatch) => Rendered;
  create(sink: Sink, context: ReportContext): ReportWriter;
}
