// The contract of one report format: results stream in batch by batch, the summary comes last.
import type { ResultBatch } from '../engine/evaluate.js';
import type { Summary } from '../engine/summary.js';
import type { Status } from '../model.js';
import type { ReportContext } from './context.js';
import type { Sink } from './sink.js';

export interface ReportWriter {
  write(batch: ResultBatch): Promise<void>;
  end(summary: Summary): Promise<void>;
}

export interface ReportFormat {
  name: string;
  /** File extensions that pick this format for `-o FILE` when no --format is given. */
  extensions: readonly string[];
  /** Results the format lists besides failures and unknowns (JUnit lists passes as test cases). */
  alsoLists?: readonly Status[];
  create(sink: Sink, context: ReportContext): ReportWriter;
}
