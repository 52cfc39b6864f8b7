// Rows of cells (CSV lines, worksheet rows) into survey rows: find the header row (title rows above it
// are common in forms), then pair every following row's cells with the header, flagging rows that are
// empty or have more or fewer cells than the header.
//
// Empty rows are never buffered, only their line numbers, as runs of consecutive lines: a worksheet
// can carry a million formatted but empty rows, which cost one run here, not a million rows.
import { notARecord } from './footer.js';
import type { RawRow, ReadOptions } from './reader.js';

/** How many rows are searched for the header when --header-row is not given. */
export const HEADER_SEARCH_ROWS = 20;

export interface CellRow {
  /** 1-based line or worksheet row. */
  line: number;
  cells: readonly unknown[];
}

function blank(cell: unknown): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

export interface TableOptions extends ReadOptions {
  file: string;
  sheet?: string;
  /** CSV rows must have exactly as many cells as the header; worksheet rows may omit trailing blanks. */
  strictWidth: boolean;
}

/** Line numbers as runs of consecutive lines. */
export class LineRuns {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private total = 0;

  add(line: number): void {
    const last = this.ends.length - 1;
    if (last >= 0 && this.ends[last] === line - 1) this.ends[last] = line;
    else {
      this.starts.push(line);
      this.ends.push(line);
    }
    this.total++;
  }

  get count(): number {
    return this.total;
  }

  /** How many runs of consecutive lines: what the lines cost. */
  get runs(): number {
    return this.starts.length;
  }

  *lines(): Generator<number> {
    for (let run = 0; run < this.starts.length; run++) {
      const end = this.ends[run] as number;
      for (let line = this.starts[run] as number; line <= end; line++) yield line;
    }
  }
}

export class TableRows {
  private header: string[] | undefined;
  /** While the header is sought: the non-empty rows seen, the empty ones' lines, and how many rows. */
  private pending: CellRow[] = [];
  private pendingEmpty = new LineRuns();
  private seen = 0;
  /** Worksheet rows that are empty so far: reported only if a non-empty row follows them, because
   * worksheets carry formatted but empty rows (validations, borders) below the data. */
  private emptyRun = new LineRuns();
  /** What every empty row pairs to: no values, nothing to tell apart. */
  private emptyShape: Pick<RawRow, 'entries' | 'columns'> | undefined;

  constructor(private readonly options: TableOptions) {}

  /** Feed one row; returns the survey rows now complete (none while the header is still being sought).
   * The table's state is updated before this returns; the rows may be produced as they are iterated. */
  push(row: CellRow): Iterable<RawRow> {
    if (this.header) return this.hold(row);
    const wanted = this.options.headerRow;
    if (wanted !== undefined) {
      if (row.line < wanted) return [];
      if (row.line === wanted) {
        this.setHeader(row, []);
        return [];
      }
      // The header row is absent (an empty line, a worksheet row never written): its names are empty.
      this.setHeader({ line: wanted, cells: [] }, []);
      return this.hold(row);
    }
    this.seen++;
    if (row.cells.every(blank)) this.pendingEmpty.add(row.line);
    else this.pending.push(row);
    if (this.seen >= HEADER_SEARCH_ROWS) return this.resolve();
    return [];
  }

  /** End of input: settle the header if it is still pending and return the rows held back. */
  finish(): Iterable<RawRow> {
    const rows = this.header ? [] : this.resolve();
    // Trailing empty worksheet rows are formatting, not data.
    this.emptyRun = new LineRuns();
    return rows;
  }

  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  private resolve(): RawRow[] {
    const candidates = this.pending;
    if (candidates.length === 0) return [];
    const score = this.options.headerScore ?? (() => 0);
    let best = candidates[0] as CellRow;
    let bestScore = score(best.cells.map(String));
    for (const row of candidates.slice(1)) {
      const value = score(row.cells.map((cell) => (blank(cell) ? '' : String(cell))));
      if (value > bestScore) {
        best = row;
        bestScore = value;
      }
    }
    // The empty rows seen so far: above the header they are skipped with the title rows, below it
    // they are rows like any other (in the first HEADER_SEARCH_ROWS rows, so few).
    const skipped: number[] = [];
    const below: CellRow[] = candidates.filter((row) => row.line > best.line);
    for (const line of this.pendingEmpty.lines()) {
      if (line < best.line) skipped.push(line);
      else below.push({ line, cells: [] });
    }
    for (const row of candidates) if (row.line < best.line) skipped.push(row.line);
    skipped.sort((a, b) => a - b);
    below.sort((a, b) => a.line - b.line);
    this.pending = [];
    this.pendingEmpty = new LineRuns();
    this.setHeader(best, skipped);
    return below.flatMap((row) => [...this.hold(row)]);
  }

  /** Pairs a row with the header; worksheet rows that are empty are held back as a run. */
  private hold(row: CellRow): Iterable<RawRow> {
    if (this.options.strictWidth) return [this.pair(row)];
    if (row.cells.every(blank)) {
      this.emptyRun.add(row.line);
      return [];
    }
    const paired = this.pair(row);
    if (this.emptyRun.count === 0) return [paired];
    const run = this.emptyRun;
    this.emptyRun = new LineRuns();
    return this.release(run, paired);
  }

  private *release(run: LineRuns, row: RawRow): Generator<RawRow> {
    for (const line of run.lines()) yield this.emptyRow(line);
    yield row;
  }

  private setHeader(row: CellRow, skippedLines: number[]): void {
    this.header = row.cells.map((cell) => (blank(cell) ? '' : String(cell).trim()));
    this.options.onHeader?.({
      file: this.options.file,
      line: row.line,
      names: this.header,
      skippedLines,
      ...(this.options.sheet !== undefined ? { sheet: this.options.sheet } : {}),
    });
  }

  private emptyRow(line: number): RawRow {
    const header = this.header ?? [];
    this.emptyShape ??= { entries: header.map((name) => [name, undefined] as const), columns: header.map((_, i) => i + 1) };
    return { line, ...this.emptyShape, ...(this.options.sheet !== undefined ? { sheet: this.options.sheet } : {}), problem: { type: 'empty' } };
  }

  private pair(row: CellRow): RawRow {
    const header = this.header ?? [];
    const entries = header.map((name, i) => [name, row.cells[i]] as const);
    const columns = header.map((_, i) => i + 1);
    const result: RawRow = { line: row.line, entries, columns, paired: true, ...(this.options.sheet !== undefined ? { sheet: this.options.sheet } : {}) };
    if (row.cells.every(blank)) return { ...result, problem: { type: 'empty' } };
    const other = notARecord(row.cells);
    if (other !== null) return { ...result, problem: { type: other.kind, text: other.text } };
    const extra = row.cells.slice(header.length);
    if (extra.some((cell) => !blank(cell)) || (this.options.strictWidth && row.cells.length !== header.length)) {
      return { ...result, problem: { type: 'ragged', cells: row.cells.length, expected: header.length } };
    }
    return result;
  }
}
