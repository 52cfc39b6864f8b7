// What a survey file had that a run handles visibly rather than refuses: unknown columns and names,
// empty rows, counted within bounds so memory and stderr stay flat, and mergeable across the chunks of
// a file read in worker threads.
import type { Notice } from '../i18n/notices.js';
import type { HeaderMatcher } from './headers.js';

export interface NoticesState {
  unknownColumns: [string, number][];
  unknownColumnsOver: number;
  blankColumns: number[];
  emptyRows: number;
  emptyLines: number[];
  footers: [number, string][];
  examples: number[];
  unknownItems: { field: string; item: string; line: number; count: number }[];
  unknownItemsOver: number;
}

/** Names a notice lists one by one (unknown columns, names outside the vocabulary); the rest are counted. */
export const MAX_LISTED_NAMES = 20;
/** Distinct unknown names kept per file with their first line and count: memory stays flat. */
const MAX_TRACKED_NAMES = 10_000;
/** Lines of empty rows named in the notice. */
const MAX_LISTED_LINES = 10;

/** What a file had that a run handles visibly: unknown columns and names, empty rows, counted within bounds. */
export class FileNotices {
  readonly unknownColumns = new Map<string, number>();
  unknownColumnsOver = 0;
  readonly blankColumns: number[] = [];
  emptyRows = 0;
  readonly emptyLines: number[] = [];
  /** Totals and footer rows skipped, by line: each named (a survey has a few). */
  readonly footers: [number, string][] = [];
  footersOver = 0;
  /** Example rows (the template's 示例 row) skipped, by line. */
  readonly examples: number[] = [];
  readonly unknownItems = new Map<string, { field: string; item: string; line: number; count: number }>();
  unknownItemsOver = 0;

  column(name: string, index: number): void {
    if (name === '') {
      if (this.blankColumns.length < MAX_TRACKED_NAMES) this.blankColumns.push(index);
    } else if (this.unknownColumns.has(name)) return;
    else if (this.unknownColumns.size < MAX_TRACKED_NAMES) this.unknownColumns.set(name, index);
    else this.unknownColumnsOver++;
  }

  empty(line: number): void {
    this.emptyRows++;
    if (this.emptyLines.length < MAX_LISTED_LINES) this.emptyLines.push(line);
  }

  footer(line: number, text: string): void {
    if (this.footers.length < MAX_LISTED_NAMES) this.footers.push([line, clipName(text)]);
    else this.footersOver++;
  }

  example(line: number): void {
    if (this.examples.length < MAX_LISTED_NAMES) this.examples.push(line);
  }

  item(field: string, item: string, line: number): void {
    const key = `${field}\u0000${item}`;
    const seen = this.unknownItems.get(key);
    if (seen) seen.count++;
    else if (this.unknownItems.size < MAX_TRACKED_NAMES) this.unknownItems.set(key, { field, item, line, count: 1 });
    else this.unknownItemsOver++;
  }

  /** As plain data, to merge into the main thread's (a worker's chunk of the file). */
  state(): NoticesState {
    return {
      unknownColumns: [...this.unknownColumns],
      unknownColumnsOver: this.unknownColumnsOver,
      blankColumns: [...this.blankColumns],
      emptyRows: this.emptyRows,
      emptyLines: [...this.emptyLines],
      footers: [...this.footers],
      examples: [...this.examples],
      unknownItems: [...this.unknownItems.values()],
      unknownItemsOver: this.unknownItemsOver,
    };
  }

  /** Add a later chunk's notices: its first lines come after ours. */
  merge(other: NoticesState): void {
    for (const [name, index] of other.unknownColumns) this.column(name, index);
    this.unknownColumnsOver += other.unknownColumnsOver;
    for (const index of other.blankColumns) this.column('', index);
    this.emptyRows += other.emptyRows;
    for (const line of other.emptyLines) if (this.emptyLines.length < MAX_LISTED_LINES) this.emptyLines.push(line);
    for (const [line, text] of other.footers) this.footer(line, text);
    for (const line of other.examples) this.example(line);
    for (const entry of other.unknownItems) {
      const key = `${entry.field}\u0000${entry.item}`;
      const seen = this.unknownItems.get(key);
      if (seen) seen.count += entry.count;
      else if (this.unknownItems.size < MAX_TRACKED_NAMES) this.unknownItems.set(key, { ...entry });
      else this.unknownItemsOver += entry.count;
    }
    this.unknownItemsOver += other.unknownItemsOver;
  }

  report(file: string, sheet: string | undefined, matcher: HeaderMatcher, onNotice: ((notice: Notice) => void) | undefined): void {
    if (!onNotice) return;
    const at = sheet !== undefined ? { sheet } : {};
    for (const index of this.blankColumns.slice(0, MAX_LISTED_NAMES)) onNotice({ code: 'blank-column', file, ...at, params: { index } });
    const columns = [...this.unknownColumns];
    for (const [column, index] of columns.slice(0, MAX_LISTED_NAMES)) {
      const suggestion = matcher.suggest(column);
      onNotice({ code: 'unknown-column', file, ...at, params: { column: clipName(column), index, ...(suggestion ? { suggestion, ...matcher.labels(suggestion) } : {}) } });
    }
    const moreColumns = Math.max(0, columns.length - MAX_LISTED_NAMES) + this.unknownColumnsOver + Math.max(0, this.blankColumns.length - MAX_LISTED_NAMES);
    if (moreColumns > 0) onNotice({ code: 'more-unknown-columns', file, ...at, params: { count: moreColumns } });
    if (this.emptyRows > 0) {
      const lines = this.emptyLines.join(', ') + (this.emptyRows > this.emptyLines.length ? ' …' : '');
      onNotice({ code: 'empty-rows', file, ...at, params: { count: this.emptyRows, lines } });
    }
    for (const line of this.examples) onNotice({ code: 'example-row', file, ...at, params: { line } });
    for (const [line, text] of this.footers) onNotice({ code: 'footer-row', file, ...at, params: { line, text } });
    if (this.footersOver > 0) onNotice({ code: 'more-footer-rows', file, ...at, params: { count: this.footersOver } });
    const items = [...this.unknownItems.values()];
    for (const { field, item, line, count } of items.slice(0, MAX_LISTED_NAMES)) {
      onNotice({ code: 'unknown-item', file, ...at, params: { ...matcher.labels(field), item: clipName(item), line, count } });
    }
    const moreItems = Math.max(0, items.length - MAX_LISTED_NAMES);
    if (moreItems > 0 || this.unknownItemsOver > 0) {
      const times = items.slice(MAX_LISTED_NAMES).reduce((sum, entry) => sum + entry.count, 0) + this.unknownItemsOver;
      onNotice({ code: 'more-unknown-items', file, ...at, params: { count: moreItems, times, over: this.unknownItemsOver > 0 ? 1 : 0 } });
    }
  }
}

/** A header or name quoted in a notice: its first 80 characters. */
function clipName(name: string): string {
  return name.length > 80 ? `${name.slice(0, 80)}…` : name;
}

