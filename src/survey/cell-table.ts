// CSV text split into a table of cell boundaries (RFC 4180: quoted cells, "" escapes, line breaks and
// delimiters inside quotes, CRLF), without copying the cells: each cell is a start and an end in the
// block's text, and only the cells a check reads are ever sliced. A block is split at its last
// complete record; the rest is carried into the next block. Lines are counted as people count them: a
// line feed ends a line (CRLF too), so a record's line is where it starts.
import { DabiaoError } from '../errors.js';

/** A record larger than this is refused (like a cell of that size): memory stays bounded. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

export interface CellTable {
  readonly text: string;
  readonly rows: number;
  /** 1-based line each row starts on. */
  readonly lines: Int32Array;
  /** Row r's cells are cells rowStart[r] … rowStart[r + 1] - 1. */
  readonly rowStart: Int32Array;
  readonly cellStart: Int32Array;
  readonly cellEnd: Int32Array;
  /** Quoted cells holding "" escapes, by cell index: their unescaped text (other cells are spans of `text`). */
  readonly unescaped: ReadonlyMap<number, string>;
}

export interface Tokenized {
  table: CellTable;
  /** Characters of `text` consumed: the rest begins an incomplete record. */
  consumed: number;
  /** The line the next record starts on. */
  nextLine: number;
  /** Whether `maxRows` stopped the split before the text ran out: tokenize the rest again. */
  limited: boolean;
}

class Growable {
  data: Int32Array;
  length = 0;
  constructor(size: number) {
    this.data = new Int32Array(size);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Split complete records out of `text`. With `final`, the text ends the file: a last record without a
 * line break is complete, and an open quote is an error at the line its record started on.
 * Completely empty lines are skipped (they hold no cells); their lines are still counted.
 */
export function tokenize(text: string, firstLine: number, final: boolean, file: string, maxRows = Number.POSITIVE_INFINITY): Tokenized {
  const n = text.length;
  // Sized for the text at once (about a cell per 16 characters and a record per 64, no more records
  // than the block may hold, 256 cells a record at first), still grown if the guess is short: grown
  // from small by doubling, a block of 195-column records copied its cell arrays three times over.
  const rowGuess = Math.min(maxRows + 1, Math.max(256, n >> 6));
  const cellGuess = Math.min(Math.max(4096, n >> 4), Math.max(16, maxRows * 256));
  const lines = new Growable(rowGuess);
  const rowStart = new Growable(rowGuess);
  const cellStart = new Growable(cellGuess);
  const cellEnd = new Growable(cellGuess);
  const unescaped = new Map<number, string>();
  let line = firstLine;
  let p = 0;
  let consumed = 0;
  let consumedLine = firstLine;
  // The next quote at or after p: most CSV has no quotes, so most records never look for one.
  let nextQuote = text.indexOf('"');
  let limited = false;
  while (p < n) {
    // At a record boundary: a block holds at most maxRows records, so the work and results of a batch stay bounded.
    if (lines.length >= maxRows) {
      limited = true;
      break;
    }
    const recordStart = p;
    const recordLine = line;
    const nl = text.indexOf('\n', p);
    if (nextQuote !== -1 && nextQuote < p) nextQuote = text.indexOf('"', p);
    const lineEnd = nl === -1 ? n : nl;
    if (nextQuote === -1 || nextQuote >= lineEnd) {
      // Fast path: a record with no quote, ending at the next line feed.
      if (nl === -1 && !final) break;
      let end = lineEnd;
      if (end > p && text.charCodeAt(end - 1) === CR) end--;
      if (end > p) {
        if (end - p > MAX_RECORD_CHARS) throw new DabiaoError({ code: 'cell-too-large', params: {}, location: { file, line: recordLine } });
        lines.push(recordLine);
        rowStart.push(cellStart.length);
        let s = p;
        for (;;) {
          let c = text.indexOf(',', s);
          if (c === -1 || c > end) c = end;
          cellStart.push(s);
          cellEnd.push(c);
          if (c === end) break;
          s = c + 1;
        }
      }
      p = lineEnd + 1;
      line++;
      consumed = Math.min(p, n);
      consumedLine = line;
      continue;
    }
    // A record with quotes: walk it cell by cell.
    const cellsBefore = cellStart.length;
    let complete = false;
    let q = p;
    let ended = false;
    while (!ended) {
      if (q < n && text.charCodeAt(q) === QUOTE) {
        // A quoted cell: up to the closing quote not followed by another quote.
        const start = q + 1;
        let at = start;
        let escaped = false;
        let closed = -1;
        for (;;) {
          const next = text.indexOf('"', at);
          if (next === -1) break;
          if (next + 1 < n && text.charCodeAt(next + 1) === QUOTE) {
            escaped = true;
            at = next + 2;
            continue;
          }
          if (next + 1 === n && !final) break; // the quote may be the first of an escape in the next block
          closed = next;
          break;
        }
        if (closed === -1) {
          if (final) throw new DabiaoError({ code: 'csv-unclosed-quote', params: {}, location: { file, line: recordLine } });
          break;
        }
        if (closed + 1 - recordStart > MAX_RECORD_CHARS) throw new DabiaoError({ code: 'cell-too-large', params: {}, location: { file, line: recordLine } });
        for (let k = text.indexOf('\n', start); k !== -1 && k < closed; k = text.indexOf('\n', k + 1)) line++;
        if (escaped) unescaped.set(cellStart.length, text.slice(start, closed).replace(/""/g, '"'));
        cellStart.push(start);
        cellEnd.push(closed);
        q = closed + 1;
        const after = q < n ? text.charCodeAt(q) : -1;
        if (after === COMMA) {
          q++;
          continue;
        }
        if (after === LF || (after === CR && q + 1 < n && text.charCodeAt(q + 1) === LF)) {
          q += after === CR ? 2 : 1;
          ended = true;
          complete = true;
          break;
        }
        if (after === -1 || (after === CR && q + 1 === n)) {
          if (!final) break;
          q = n;
          ended = true;
          complete = true;
          break;
        }
        throw new DabiaoError({ code: 'survey-malformed', params: { detail: 'text after a closing quote' }, location: { file, line } });
      }
      // An unquoted cell: up to the next comma or line end; a quote inside it is refused.
      let c = q;
      for (;;) {
        if (c >= n) break;
        const ch = text.charCodeAt(c);
        if (ch === COMMA || ch === LF) break;
        if (ch === QUOTE) throw new DabiaoError({ code: 'survey-malformed', params: { detail: 'a quote inside an unquoted cell' }, location: { file, line } });
        c++;
      }
      if (c >= n && !final) break;
      let end = c;
      const atLineEnd = c >= n || text.charCodeAt(c) === LF;
      if (atLineEnd && end > q && text.charCodeAt(end - 1) === CR) end--;
      cellStart.push(q);
      cellEnd.push(end);
      if (atLineEnd) {
        q = c + 1;
        ended = true;
        complete = true;
        break;
      }
      q = c + 1;
    }
    if (!complete) {
      // The record runs past this block: undo its cells and stop here.
      cellStart.length = cellsBefore;
      cellEnd.length = cellsBefore;
      for (const key of [...unescaped.keys()]) if (key >= cellsBefore) unescaped.delete(key);
      line = recordLine;
      if (n - recordStart > MAX_RECORD_CHARS) throw new DabiaoError({ code: 'cell-too-large', params: {}, location: { file, line: recordLine } });
      break;
    }
    lines.push(recordLine);
    rowStart.push(cellsBefore);
    p = Math.min(q, n);
    line++;
    consumed = p;
    consumedLine = line;
    nextQuote = text.indexOf('"', p);
  }
  rowStart.push(cellStart.length);
  return {
    table: { text, rows: lines.length, lines: lines.view(), rowStart: rowStart.view(), cellStart: cellStart.view(), cellEnd: cellEnd.view(), unescaped },
    consumed,
    nextLine: consumedLine,
    limited,
  };
}

/** Row r's cell c: the text holding it and its span. */
export function cellSpan(table: CellTable, index: number): { text: string; start: number; end: number } {
  const own = table.unescaped.get(index);
  if (own !== undefined) return { text: own, start: 0, end: own.length };
  return { text: table.text, start: table.cellStart[index] as number, end: table.cellEnd[index] as number };
}

/** Row r's cells as strings (for header detection and the rare slow path). */
export function rowCells(table: CellTable, row: number, decode: (text: string) => string = (text) => text): string[] {
  const cells: string[] = [];
  for (let i = table.rowStart[row] as number; i < (table.rowStart[row + 1] as number); i++) {
    const { text, start, end } = cellSpan(table, i);
    cells.push(decode(text.slice(start, end)));
  }
  return cells;
}
