// The contract of one input format: bytes in, rows of (key, value) entries out, each with its line.
import type { Encoding } from './decode.js';

export type RowProblem = { type: 'empty' } | { type: 'ragged'; cells: number; expected: number };

export interface RawRow {
  /** 1-based line (CSV, NDJSON, JSON) or worksheet row (Excel) where the row starts. */
  line: number;
  entries: readonly (readonly [string, unknown])[];
  /** 1-based column of each entry, where the format has columns. */
  columns?: readonly number[];
  /** The worksheet, for Excel. */
  sheet?: string;
  /** A structural problem of the row: `check` refuses it, `validate` reports it. */
  problem?: RowProblem;
}

export interface HeaderInfo {
  file: string;
  sheet?: string;
  line: number;
  names: readonly string[];
  /** Title rows above the header that were skipped. */
  skippedLines: readonly number[];
}

export interface ReadOptions {
  encoding?: Encoding;
  /** Excel: the worksheet to read (default: the first). */
  sheet?: string;
  /** The 1-based row holding the headers (default: the best-scoring of the first rows). */
  headerRow?: number;
  /** How header-like a row is (e.g. how many cells name known fields). */
  headerScore?: (cells: readonly string[]) => number;
  onHeader?: (header: HeaderInfo) => void;
  /** Told which text encoding was detected or used. */
  onEncoding?: (encoding: Encoding) => void;
}

export interface SurveyReader {
  format: string;
  extensions: readonly string[];
  read(bytes: AsyncIterable<Uint8Array>, file: string, options: ReadOptions): AsyncIterable<RawRow>;
}
