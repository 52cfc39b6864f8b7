// The file-system edge of the survey stage: open each file, pick its reader, map its headers to
// canonical fields, and yield records one at a time. Nothing is held beyond the current record.
// Structural problems (ragged rows, clashing columns) stop the run; what is handled instead (title
// rows, empty rows, unknown columns, names outside the vocabulary) is reported as notices.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DabiaoError } from '../errors.js';
import type { Notice } from '../i18n/notices.js';
import type { Dictionary, SurveyRecord } from '../model.js';
import { vocabularyOf } from '../model.js';
import { isEmptyListWord } from './values.js';
import { neutralise, normaliseName, splitList } from '../text.js';
import type { Encoding } from './decode.js';
import { HeaderMatcher } from './headers.js';
import type { HeaderInfo, RawRow, ReadOptions } from './reader.js';
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
  for await (const chunk of createReadStream(file)) {
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

export interface FileRows {
  file: string;
  rows: AsyncIterable<RawRow>;
}

/** Raw rows of each file, for `validate`, which reports problems that `check` refuses. */
export async function* readRows(files: readonly string[], options: ReadSurveyOptions & { onHeader?: (header: HeaderInfo) => void }, matcher = new HeaderMatcher(options.dictionary, options.mapping)): AsyncGenerator<FileRows> {
  let bytesRead = 0;
  const onBytes = options.onProgress
    ? (bytes: number) => {
        bytesRead += bytes;
        options.onProgress?.(bytesRead);
      }
    : undefined;
  for (const file of files) {
    const reader = readerFor(file, options.format);
    await assertReadable(file);
    const readOptions: ReadOptions = {
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
      headerScore: (cells) => matcher.score(cells),
      onHeader: (header) => {
        if (header.skippedLines.length > 0) options.onNotice?.({ code: 'title-rows', file, ...(header.sheet ? { sheet: header.sheet } : {}), params: { line: header.line, count: header.skippedLines.length } });
        options.onHeader?.(header);
      },
      onEncoding: (encoding) => {
        if (encoding !== 'utf-8') options.onNotice?.({ code: 'encoding', file, params: { encoding: encoding.toUpperCase() } });
      },
      ...(onBytes ? { onBytes } : {}),
    };
    const rows = 'readFile' in reader ? reader.readFile(file, readOptions) : reader.read(counted(file, onBytes), file, readOptions);
    yield { file, rows };
  }
}

/** Names a notice lists one by one (unknown columns, names outside the vocabulary); the rest are counted. */
export const MAX_LISTED_NAMES = 20;
/** Distinct unknown names kept per file with their first line and count: memory stays flat. */
const MAX_TRACKED_NAMES = 10_000;
/** Lines of empty rows named in the notice. */
const MAX_LISTED_LINES = 10;

/**
 * A header resolved once per file: the field of each column, or null. Two columns meaning one field are
 * refused here, at the header row and the second column, before any record is read.
 */
function resolveHeader(header: HeaderInfo, matcher: HeaderMatcher): (string | null)[] {
  const owner = new Map<string, string>();
  return header.names.map((name, i) => {
    const field = name === '' ? null : matcher.match(name);
    if (field === null) return null;
    const first = owner.get(field);
    if (first !== undefined) {
      throw new DabiaoError({ code: 'columns-clash', params: { first, second: name, field }, location: { file: header.file, line: header.line, col: i + 1 } });
    }
    owner.set(field, name);
    return field;
  });
}

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

export async function* readSurvey(files: readonly string[], options: ReadSurveyOptions): AsyncGenerator<SurveyRecord> {
  const matcher = new HeaderMatcher(options.dictionary, options.mapping);
  // Set by the reader when it finds a file's header row.
  const current: { header?: { file: string; fields: (string | null)[] } } = {};
  const onHeader = (info: HeaderInfo): void => {
    const fields = resolveHeader(info, matcher);
    current.header = { file: info.file, fields };
    info.names.forEach((name, i) => {
      if (fields[i] === null) notices.column(name, i + 1);
    });
  };
  const fieldsOf = (file: string): (string | null)[] | undefined => (current.header?.file === file ? current.header.fields : undefined);
  let notices = new FileNotices();
  for await (const { file, rows } of readRows(files, { ...options, onHeader }, matcher)) {
    notices = new FileNotices();
    delete current.header;
    let count = 0;
    let sheet: string | undefined;
    for await (const row of rows) {
      sheet = row.sheet === undefined ? undefined : neutralise(row.sheet);
      const where = { file, line: row.line };
      if (row.problem?.type === 'empty') {
        notices.empty(row.line);
        continue;
      }
      if (row.problem?.type === 'ragged') {
        throw new DabiaoError({ code: 'row-width', params: { cells: row.problem.cells, expected: row.problem.expected }, location: where });
      }
      const values = new Map<string, unknown>();
      const columns = new Map<string, number>();
      const fields = fieldsOf(file);
      if (fields) {
        // A table: each column's field was resolved once, from the header.
        row.entries.forEach(([, value], i) => {
          const column = row.columns?.[i] ?? i + 1;
          const field = fields[column - 1];
          if (field === null || field === undefined) return;
          values.set(field, value);
          columns.set(field, column);
        });
      } else {
        // JSON and NDJSON: each record names its own keys.
        const source = new Map<string, string>();
        row.entries.forEach(([key, value], i) => {
          const column = row.columns?.[i] ?? i + 1;
          const field = key === '' ? null : matcher.match(key);
          if (field === null) return notices.column(key, column);
          const other = source.get(field);
          if (other !== undefined) {
            throw new DabiaoError({ code: 'columns-clash', params: { first: other, second: key, field }, location: where });
          }
          source.set(field, key);
          values.set(field, value);
          columns.set(field, column);
        });
      }
      for (const [field, suffixes] of options.itemFields ?? []) {
        const raw = values.get(field);
        if (raw === undefined || raw === null) continue;
        for (const item of splitList(raw)) if (!isKnownItem(item, field, suffixes, options.dictionary)) notices.item(field, item, row.line);
      }
      count++;
      yield { file, line: row.line, values, columns, ...(sheet !== undefined ? { sheet } : {}) };
    }
    notices.report(file, sheet, matcher, options.onNotice);
    if (count === 0) throw new DabiaoError({ code: 'survey-no-records', params: {}, location: { file, line: 1 } });
  }
}
