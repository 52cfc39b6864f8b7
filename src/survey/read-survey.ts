// The file-system edge of the survey stage: open each file, pick its reader, map its headers to
// canonical fields, and yield records one at a time. Nothing is held beyond the current record.
// Structural problems (ragged rows, clashing columns) stop the run; what is handled instead (title
// rows, empty rows, unknown columns, names outside the vocabulary) is reported as notices.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DabiaoError } from '../errors.js';
import type { Notice } from '../i18n/notices.js';
import type { Batch } from '../batch.js';
import type { Dictionary } from '../model.js';
import { vocabularyOf } from '../model.js';
import { isEmptyListWord } from './values.js';
import { neutralise, normaliseName } from '../text.js';
import type { Encoding } from './decode.js';
import { HeaderMatcher } from './headers.js';
import type { HeaderInfo, RawBlock, ReadOptions, RowProblem } from './reader.js';
import { FileTyper } from './batches.js';
import { Parsers } from './typing.js';
import { readerFor } from './readers.js';

export interface ReadSurveyOptions {
  dictionary: Dictionary;
  format?: string;
  encoding?: Encoding;
  sheet?: string;
  headerRow?: number;
  /** Header -> canonical field, before the dictionary's own names (--map, mapping file). */
  mapping?: ReadonlyMap<string, string>;
  /** List fields whose entries should be names from the vocabulary (those checklists read), with the
   * name endings category checklists accept. */
  itemFields?: ReadonlyMap<string, readonly string[]>;
  onNotice?: (notice: Notice) => void;
  /** Told how far through the survey files reading is, in bytes. */
  onProgress?: (bytesRead: number) => void;
}

/** The file's bytes, counted as they are read, for a progress bar. */
async function* counted(file: string, onBytes: ((bytes: number) => void) | undefined): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    onBytes?.(bytes.byteLength);
    yield bytes;
  }
}

/** A list entry checklists can recognise: a name from the field's vocabulary, a name with an accepted
 * ending, or 无 (the whole list is empty). */
export function isKnownItem(item: string, field: string, suffixes: readonly string[], dictionary: Dictionary): boolean {
  const name = normaliseName(item);
  return vocabularyOf(dictionary, field).has(name) || isEmptyListWord(item) || suffixes.some((suffix) => name.endsWith(normaliseName(suffix)));
}

export async function assertReadable(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a regular file');
  } catch (error) {
    throw new DabiaoError({ code: 'file-unreadable', params: { detail: error instanceof Error ? ((error as { code?: string }).code ?? error.message) : String(error) }, location: { file } });
  }
}

/**
 * The raw blocks of each file, with the reader's own header (Excel finds its header itself) told to
 * `onHeader`. Progress is told in bytes.
 */
async function* readBlocks(file: string, options: ReadSurveyOptions, matcher: HeaderMatcher, onHeader: (header: HeaderInfo) => void, onBytes: ((bytes: number) => void) | undefined): AsyncGenerator<RawBlock> {
  const reader = readerFor(file, options.format);
  await assertReadable(file);
  const readOptions: ReadOptions = {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
    headerScore: (cells) => matcher.score(cells),
    onHeader,
    onEncoding: (encoding) => {
      if (encoding !== 'utf-8') options.onNotice?.({ code: 'encoding', file, params: { encoding: encoding.toUpperCase() } });
    },
    ...(onBytes ? { onBytes } : {}),
  };
  yield* 'readFile' in reader ? reader.readFile(file, readOptions) : reader.read(counted(file, onBytes), file, readOptions);
}

/** Names a notice lists one by one (unknown columns, names outside the vocabulary); the rest are counted. */
export const MAX_LISTED_NAMES = 20;
/** Distinct unknown names kept per file with their first line and count: memory stays flat. */
const MAX_TRACKED_NAMES = 10_000;
/** Lines of empty rows named in the notice. */
const MAX_LISTED_LINES = 10;

/** What a file had that a run handles visibly: unknown columns and names, empty rows, counted within bounds. */
class FileNotices {
  readonly unknownColumns = new Map<string, number>();
  unknownColumnsOver = 0;
  readonly blankColumns: number[] = [];
  emptyRows = 0;
  readonly emptyLines: number[] = [];
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

  item(field: string, item: string, line: number): void {
    const key = `${field}\u0000${item}`;
    const seen = this.unknownItems.get(key);
    if (seen) seen.count++;
    else if (this.unknownItems.size < MAX_TRACKED_NAMES) this.unknownItems.set(key, { field, item, line, count: 1 });
    else this.unknownItemsOver++;
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

export interface SurveyHooks {
  /** A header found: validate checks its columns. */
  onHeader?: (header: HeaderInfo) => void;
  /** A row that is empty or ragged: by default an empty row is counted in a notice and a ragged row
   * stops the run (validate reports both instead). */
  onRowProblem?: (problem: RowProblem, where: { file: string; line: number; sheet: string | undefined }) => void;
  /** A column naming no field; by default named in a notice. */
  onUnknownColumn?: (name: string, where: { file: string; line: number; column: number }) => void;
  /** A list entry outside the vocabulary; by default counted in a notice. */
  onUnknownItem?: (field: string, item: string, where: { file: string; line: number; column: number | null }) => void;
  /** Two columns meaning one field: by default the run stops at the header (validate reports it). */
  onClash?: () => void;
  /** A column without a header, with the first line it holds data on (null: empty throughout); by
   * default named in a notice. */
  onBlankColumn?: (column: number, where: { file: string; line: number | null }) => void;
  /** A file is done: how many records it had. */
  onFileEnd?: (file: string, records: number, sheet: string | undefined) => void;
}

/**
 * The typed batches of every file, in order. Each file's header is resolved once and each cell parsed
 * once; what a run handles rather than refuses (title rows, empty rows, unknown columns, names
 * outside the vocabulary) goes to notices, bounded.
 */
export async function* readSurvey(files: readonly string[], options: ReadSurveyOptions, hooks: SurveyHooks = {}): AsyncGenerator<Batch> {
  const matcher = new HeaderMatcher(options.dictionary, options.mapping);
  const parsers = new Parsers(options.dictionary);
  let bytesRead = 0;
  const onBytes = options.onProgress
    ? (bytes: number) => {
        bytesRead += bytes;
        options.onProgress?.(bytesRead);
      }
    : undefined;
  const knownItem = options.itemFields
    ? (field: string, item: string) => {
        const suffixes = options.itemFields?.get(field);
        return suffixes === undefined || isKnownItem(item, field, suffixes, options.dictionary);
      }
    : undefined;
  for (const file of files) {
    const notices = new FileNotices();
    let sheet: string | undefined;
    const typer = new FileTyper(file, {
      parsers,
      matcher,
      ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
      ...(knownItem ? { knownItem } : {}),
      onHeader: (header) => {
        sheet = header.sheet === undefined ? undefined : neutralise(header.sheet);
        if (header.skippedLines.length > 0) options.onNotice?.({ code: 'title-rows', file, ...(sheet !== undefined ? { sheet } : {}), params: { line: header.line, count: header.skippedLines.length } });
        hooks.onHeader?.(header);
      },
      onRowProblem: (problem, line, rowSheet) => {
        if (hooks.onRowProblem) return hooks.onRowProblem(problem, { file, line, sheet: rowSheet });
        if (problem.type === 'empty') return notices.empty(line);
        throw new DabiaoError({ code: 'row-width', params: { cells: problem.cells, expected: problem.expected }, location: { file, line } });
      },
      onUnknownColumn: (name, column, line) => (hooks.onUnknownColumn ? hooks.onUnknownColumn(name, { file, line, column }) : notices.column(name, column)),
      onUnknownItem: (field, item, line, column) => (hooks.onUnknownItem ? hooks.onUnknownItem(field, item, { file, line, column }) : notices.item(field, item, line)),
      ...(hooks.onClash ? { onClash: hooks.onClash } : {}),
      ...(hooks.onBlankColumn ? { onBlankColumn: (column: number, line: number | null) => hooks.onBlankColumn?.(column, { file, line }) } : {}),
    });
    for await (const block of readBlocks(file, options, matcher, (header) => typer.header(header), onBytes)) {
      const batch = typer.push(block);
      if (batch) yield batch;
    }
    const last = typer.finish();
    if (last) yield last;
    typer.reportBlankColumns();
    notices.report(file, sheet, matcher, options.onNotice);
    hooks.onFileEnd?.(file, typer.count, sheet);
    if (typer.count === 0 && !hooks.onFileEnd) throw new DabiaoError({ code: 'survey-no-records', params: {}, location: { file, line: 1 } });
  }
}
