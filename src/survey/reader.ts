// The contract of one input format: bytes in (or, for formats that need random access, the file's
// path), blocks of rows out. CSV gives tables of cell boundaries in the block's text (nothing copied);
// Excel, JSON and NDJSON give rows of (key, value) entries. Headers, types and notices are the
// business of the typing stage (batches.ts), the same for every format.
import type { CellTable } from './cell-table.js';
import type { Encoding } from './decode.js';

export type RowProblem = { type: 'empty' } | { type: 'footer'; text: string } | { type: 'example'; text: string } | { type: 'ragged'; cells: number; expected: number };

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
  /** Excel: the header is known and the entries are paired with it (keys are header names). */
  paired?: boolean;
}

/** CSV: consecutive tables of cell spans, one per text they were split from, read as one batch. */
export interface TableBlock {
  kind: 'table';
  parts: readonly TablePart[];
}

/** A table of cell spans in one text; `decode` turns a span of undecoded (Latin-1 coded UTF-8) text into text. */
export interface TablePart {
  table: CellTable;
  decode?: (start: number, end: number) => string;
  /** Decodes a whole string of the same coding (an unescaped quoted cell). */
  decodeText?: (text: string) => string;
}

export interface RowsBlock {
  kind: 'rows';
  rows: readonly RawRow[];
}

export type RawBlock = TableBlock | RowsBlock;

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
  /** Excel: the worksheet to read (default: the one whose header names most fields). */
  sheet?: string;
  /** The 1-based row holding the headers (default: the best-scoring of the first rows). */
  headerRow?: number;
  /** How header-like a row is (e.g. how many cells name known fields). */
  headerScore?: (cells: readonly string[]) => number;
  onHeader?: (header: HeaderInfo) => void;
  /** Told which text encoding was detected or used. */
  onEncoding?: (encoding: Encoding) => void;
  /** Excel, several sheets and no `sheet`: told which was read (the one whose header names most fields). */
  onSheetChosen?: (sheet: string, sheets: readonly string[]) => void;
  /** Told of bytes read, by readers that open the file themselves (the sum reaches the file's size). */
  onBytes?: (bytes: number) => void;
  /** The line the bytes start on: a chunk of a file read in a worker (default 1, the file's start). */
  firstLine?: number;
  /** The first blocks are small: the first a thread reads (see csv.ts). */
  smallFirstBlocks?: boolean;
}

interface ReaderInfo {
  format: string;
  extensions: readonly string[];
}

/** Reads the file's bytes in order (CSV, JSON, NDJSON). */
export interface StreamReader extends ReaderInfo {
  read(bytes: AsyncIterable<Uint8Array>, file: string, options: ReadOptions): AsyncIterable<RawBlock>;
}

/** Opens the file itself: a zip (.xlsx) is read from its central directory at the end, by offset. */
export interface FileReader extends ReaderInfo {
  readFile(file: string, options: ReadOptions): AsyncIterable<RawBlock>;
}

export type SurveyReader = StreamReader | FileReader;

/** Rows a row-by-row reader yields, grouped into blocks. */
export async function* inBlocks(rows: AsyncIterable<RawRow>, size = 4096): AsyncGenerator<RowsBlock> {
  let block: RawRow[] = [];
  for await (const row of rows) {
    block.push(row);
    if (block.length >= size) {
      yield { kind: 'rows', rows: block };
      block = [];
    }
  }
  if (block.length > 0) yield { kind: 'rows', rows: block };
}
