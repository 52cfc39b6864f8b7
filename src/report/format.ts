// The contract of one report format: results stream in batch by batch, the summary comes last.
import type { EvaluatedBatch } from '../engine/evaluate.js';
import type { Summary } from '../engine/summary.js';
import type { Result, Status } from '../model.js';
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

export interface ReportWriter {
  write(batch: ResultBatch): Promise<void>;
  /** A batch's text made by the format's `renderBatch` where the batch was evaluated (a worker). */
  writeRendered?(text: string): Promise<void>;
  end(summary: Summary): Promise<void>;
}

/** A report format's behaviour; its name and file extensions are in the registry (formats.ts). */
export interface ReportFormat {
  /** Results the format lists besides failures and unknowns (JUnit lists passes as test cases). */
  alsoLists?: readonly Status[];
  /** Formats that show statuses only (the matrix) need no result built in full. */
  listsNone?: boolean;
  /**
   * Formats whose body is a run of per-batch texts (JSON results, matrix lines): the text of one batch,
   * pure, so it can be made in the worker that evaluated the batch; the writer's `writeRendered` puts
   * it in place.
   */
  renderBatch?(context: ReportContext): (batch: ResultBatch) => string;
  create(sink: Sink, context: ReportContext): ReportWriter;
}
