// Rows of cells (CSV lines, worksheet rows) into survey rows: find the header row (title rows above it
// are common in forms), then pair every following row's cells with the header, flagging rows that are
// empty or have more or fewer cells than the header.
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

export class TableRows {
  private header: string[] | undefined;
  private readonly pending: CellRow[] = [];
  /** Worksheet rows that are empty so far: reported only if a non-empty row follows them, because
   * worksheets carry formatted but empty rows (validations, borders) below the data. */
  private emptyRun: RawRow[] = [];

  constructor(private readonly options: TableOptions) {}

  /** Feed one row; returns the survey rows now complete (none while the header is still being sought). */
  push(row: CellRow): RawRow[] {
    if (this.header) return this.hold(this.pair(row));
    const wanted = this.options.headerRow;
    if (wanted !== undefined) {
      if (row.line < wanted) return [];
      if (row.line === wanted) {
        this.setHeader(row, []);
        return [];
      }
    }
    this.pending.push(row);
    if (wanted === undefined && this.pending.length >= HEADER_SEARCH_ROWS) return this.resolve();
    return [];
  }

  /** End of input: settle the header if it is still pending and return the rows held back. */
  finish(): RawRow[] {
    const rows = this.header ? [] : this.resolve();
    // Trailing empty worksheet rows are formatting, not data.
    this.emptyRun = [];
    return rows;
  }

  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  private resolve(): RawRow[] {
    const candidates = this.pending.filter((row) => row.cells.some((cell) => !blank(cell)));
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
    const skipped = this.pending.filter((row) => row.line < best.line);
    this.setHeader(best, skipped);
    return this.pending.filter((row) => row.line > best.line).flatMap((row) => this.hold(this.pair(row)));
  }

  private hold(row: RawRow): RawRow[] {
    if (this.options.strictWidth) return [row];
    if (row.problem?.type === 'empty') {
      this.emptyRun.push(row);
      return [];
    }
    const rows = [...this.emptyRun, row];
    this.emptyRun = [];
    return rows;
  }

  private setHeader(row: CellRow, skipped: CellRow[]): void {
    this.header = row.cells.map((cell) => (blank(cell) ? '' : String(cell).trim()));
    this.options.onHeader?.({
      file: this.options.file,
      line: row.line,
      names: this.header,
      skippedLines: skipped.map((r) => r.line),
      ...(this.options.sheet !== undefined ? { sheet: this.options.sheet } : {}),
    });
  }

  private pair(row: CellRow): RawRow {
    const header = this.header ?? [];
    const entries = header.map((name, i) => [name, row.cells[i]] as const);
    const columns = header.map((_, i) => i + 1);
    const result: RawRow = { line: row.line, entries, columns, ...(this.options.sheet !== undefined ? { sheet: this.options.sheet } : {}) };
    if (row.cells.every(blank)) return { ...result, problem: { type: 'empty' } };
    const extra = row.cells.slice(header.length);
    if (extra.some((cell) => !blank(cell)) || (this.options.strictWidth && row.cells.length !== header.length)) {
      return { ...result, problem: { type: 'ragged', cells: row.cells.length, expected: header.length } };
    }
    return result;
  }
}
