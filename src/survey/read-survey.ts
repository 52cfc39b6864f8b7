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
import { normaliseName, splitList } from '../text.js';
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

export async function* readSurvey(files: readonly string[], options: ReadSurveyOptions): AsyncGenerator<SurveyRecord> {
  const matcher = new HeaderMatcher(options.dictionary, options.mapping);
  for await (const { file, rows } of readRows(files, options, matcher)) {
    const unknownColumns = new Map<string, number>();
    const emptyLines: number[] = [];
    const unknownItems = new Map<string, { field: string; item: string; line: number; count: number }>();
    let count = 0;
    let sheet: string | undefined;
    for await (const row of rows) {
      sheet = row.sheet;
      const where = { file, line: row.line };
      if (row.problem?.type === 'empty') {
        emptyLines.push(row.line);
        continue;
      }
      if (row.problem?.type === 'ragged') {
        throw new DabiaoError({ code: 'row-width', params: { cells: row.problem.cells, expected: row.problem.expected }, location: where });
      }
      const values = new Map<string, unknown>();
      const columns = new Map<string, number>();
      const source = new Map<string, string>();
      row.entries.forEach(([key, value], i) => {
        const column = row.columns?.[i] ?? i + 1;
        const field = key === '' ? null : matcher.match(key);
        if (field === null) {
          if (!unknownColumns.has(key)) unknownColumns.set(key, column);
          return;
        }
        const other = source.get(field);
        if (other !== undefined) {
          throw new DabiaoError({ code: 'columns-clash', params: { first: other, second: key, field }, location: { ...where, col: column } });
        }
        source.set(field, key);
        values.set(field, value);
        columns.set(field, column);
      });
      for (const [field, suffixes] of options.itemFields ?? []) {
        const raw = values.get(field);
        if (raw === undefined || raw === null) continue;
        for (const item of splitList(raw)) {
          if (isKnownItem(item, field, suffixes, options.dictionary)) continue;
          const key = `${field}\u0000${item}`;
          const seen = unknownItems.get(key);
          if (seen) seen.count++;
          else unknownItems.set(key, { field, item, line: row.line, count: 1 });
        }
      }
      count++;
      yield { file, line: row.line, values, columns, ...(row.sheet !== undefined ? { sheet: row.sheet } : {}) };
    }
    const at = sheet !== undefined ? { sheet } : {};
    for (const [column, index] of unknownColumns) {
      if (column === '') options.onNotice?.({ code: 'blank-column', file, ...at, params: { index } });
      else {
        const suggestion = matcher.suggest(column);
        options.onNotice?.({ code: 'unknown-column', file, ...at, params: { column, index, ...(suggestion ? { suggestion, ...matcher.labels(suggestion) } : {}) } });
      }
    }
    if (emptyLines.length > 0) options.onNotice?.({ code: 'empty-rows', file, ...at, params: { count: emptyLines.length, lines: emptyLines.slice(0, 10).join(', ') + (emptyLines.length > 10 ? ' …' : '') } });
    for (const { field, item, line, count: times } of unknownItems.values()) {
      options.onNotice?.({ code: 'unknown-item', file, ...at, params: { ...matcher.labels(field), item, line, count: times } });
    }
    if (count === 0) throw new DabiaoError({ code: 'survey-no-records', params: {}, location: { file, line: 1 } });
  }
}
