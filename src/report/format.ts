// The contract of one report format: results stream in batch by batch, the summary comes last.
import type { ResultBatch } from '../engine/evaluate.js';
import type { Summary } from '../engine/summary.js';
import type { ReportContext } from './context.js';
import type { Sink } from './sink.js';

export interface ReportWriter {
  write(batch: ResultBatch): Promise<void>;
  end(summary: Summary): Promise<void>;
}

export interface ReportFormat {
  name: string;
  create(sink: Sink, context: ReportContext): ReportWriter;
}
