// The contract of one input format: bytes in (or, for formats that need random access, the file's
// path), rows of (key, value) entries out, each with its line.
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
  /** Told of bytes read, by readers that open the file themselves (the sum reaches the file's size). */
  onBytes?: (bytes: number) => void;
}

interface ReaderInfo {
  format: string;
  extensions: readonly string[];
}

/** Reads the file's bytes in order (CSV, JSON, NDJSON). */
export interface StreamReader extends ReaderInfo {
  read(bytes: AsyncIterable<Uint8Array>, file: string, options: ReadOptions): AsyncIterable<RawRow>;
}

/** Opens the file itself: a zip (.xlsx) is read from its central directory at the end, by offset. */
export interface FileReader extends ReaderInfo {
  readFile(file: string, options: ReadOptions): AsyncIterable<RawRow>;
}

export type SurveyReader = StreamReader | FileReader;
