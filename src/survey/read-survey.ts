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
import { FileNotices } from './notices.js';
import { Parsers } from './typing.js';
import { readerFor } from './readers.js';
import { READ_BYTES } from './csv.js';

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
  /** Only these fields are typed (what the rules and reports read); default every field. */
  only?: ReadonlySet<string>;
  /** The first blocks are small: the first a thread reads (csv.ts). */
  smallFirstBlocks?: boolean;
}

/** The file's bytes, counted as they are read, for a progress bar. */
async function* counted(file: string, onBytes: ((bytes: number) => void) | undefined): AsyncGenerator<Uint8Array> {
  // Pieces a little under the text size the CSV reader keeps in the heap (csv.ts), with room for the
  // unfinished line carried from the last.
  for await (const chunk of createReadStream(file, { highWaterMark: READ_BYTES })) {
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
async function* readBlocks(
  file: string,
  options: ReadSurveyOptions,
  matcher: HeaderMatcher,
  onHeader: (header: HeaderInfo) => void,
  onBytes: ((bytes: number) => void) | undefined,
  given: ((file: string) => AsyncIterable<Uint8Array>) | undefined,
): AsyncGenerator<RawBlock> {
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
    // The sheets go as lines: the notice joins them as its language does.
    onSheetChosen: (sheet, sheets) => options.onNotice?.({ code: 'sheet-chosen', file, params: { sheet, sheets: sheets.join('\n') } }),
    ...(onBytes ? { onBytes } : {}),
    ...(options.smallFirstBlocks ? { smallFirstBlocks: true } : {}),
  };
  yield* 'readFile' in reader ? reader.readFile(file, readOptions) : reader.read(given ? given(file) : counted(file, onBytes), file, readOptions);
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
  /** A file is done: how many records it had. With this hook a file without records is the hook's
   * to judge (validate reports it; a file whose rest is read in workers is not done yet). */
  onFileEnd?: (file: string, records: number, sheet: string | undefined) => void;
  /** Collect notices here and leave them to the caller to report (the rest of the file is read in
   * workers, whose notices are merged in first). */
  notices?: FileNotices;
  /** The bytes of a file, instead of reading the file (the head of a file whose rest goes to workers). */
  bytes?: (file: string) => AsyncIterable<Uint8Array>;
}

/** Whether an item of a list field is one the standards name (else it is told as unknown). */
function knownItemOf(options: ReadSurveyOptions): ((field: string, item: string) => boolean) | undefined {
  const itemFields = options.itemFields;
  if (!itemFields) return undefined;
  return (field, item) => {
    const suffixes = itemFields.get(field);
    return suffixes === undefined || isKnownItem(item, field, suffixes, options.dictionary);
  };
}

/** An empty row is counted for a notice; a row of the wrong width stops the reading at its line. */
function rowProblem(problem: RowProblem, file: string, line: number, notices: FileNotices): void {
  if (problem.type === 'empty') return notices.empty(line);
  if (problem.type === 'footer') return notices.footer(line, problem.text);
  if (problem.type === 'example') return notices.example(line);
  throw new DabiaoError({ code: 'row-width', params: { cells: problem.cells, expected: problem.expected }, location: { file, line } });
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
  const knownItem = knownItemOf(options);
  for (const file of files) {
    const notices = hooks.notices ?? new FileNotices();
    let sheet: string | undefined;
    const typer = new FileTyper(file, {
      parsers,
      matcher,
      ...(options.only ? { only: options.only } : {}),
      ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
      ...(knownItem ? { knownItem } : {}),
      onHeader: (header) => {
        sheet = header.sheet === undefined ? undefined : neutralise(header.sheet);
        if (header.skippedLines.length > 0) options.onNotice?.({ code: 'title-rows', file, ...(sheet !== undefined ? { sheet } : {}), params: { line: header.line, count: header.skippedLines.length } });
        hooks.onHeader?.(header);
      },
      onRowProblem: (problem, line, rowSheet) => {
        if (hooks.onRowProblem) return hooks.onRowProblem(problem, { file, line, sheet: rowSheet });
        rowProblem(problem, file, line, notices);
      },
      onUnknownColumn: (name, column, line) => (hooks.onUnknownColumn ? hooks.onUnknownColumn(name, { file, line, column }) : notices.column(name, column)),
      onUnknownItem: (field, item, line, column) => (hooks.onUnknownItem ? hooks.onUnknownItem(field, item, { file, line, column }) : notices.item(field, item, line)),
      ...(hooks.onClash ? { onClash: hooks.onClash } : {}),
      ...(hooks.onBlankColumn ? { onBlankColumn: (column: number, line: number | null) => hooks.onBlankColumn?.(column, { file, line }) } : {}),
    });
    for await (const block of readBlocks(file, options, matcher, (header) => typer.header(header), onBytes, hooks.bytes)) {
      const batch = typer.push(block);
      if (batch) yield batch;
    }
    const last = typer.finish();
    if (last) yield last;
    typer.reportBlankColumns();
    if (!hooks.notices) notices.report(file, sheet, matcher, options.onNotice);
    hooks.onFileEnd?.(file, typer.count, sheet);
    if (typer.count === 0 && !hooks.onFileEnd) throw new DabiaoError({ code: 'survey-no-records', params: {}, location: { file, line: 1 } });
  }
}

/**
 * One chunk of a large CSV or NDJSON file, read in a worker: whole records from the line given, the
 * header already found (and told) by the main thread. What the chunk had goes to `notices`.
 */
export async function* readChunk(
  bytes: Uint8Array,
  file: string,
  chunk: { firstLine: number; header: HeaderInfo | null },
  options: ReadSurveyOptions,
  notices: FileNotices,
  // Shared by the chunks one thread reads: cell parses and header matches are remembered across them.
  parsers = new Parsers(options.dictionary),
  matcher = new HeaderMatcher(options.dictionary, options.mapping),
): AsyncGenerator<Batch> {
  const knownItem = knownItemOf(options);
  const typer = new FileTyper(file, {
    parsers,
    matcher,
    ...(options.only ? { only: options.only } : {}),
    ...(knownItem ? { knownItem } : {}),
    onRowProblem: (problem, line) => rowProblem(problem, file, line, notices),
    onUnknownColumn: (name, column) => notices.column(name, column),
    onUnknownItem: (field, item, line) => notices.item(field, item, line),
  });
  if (chunk.header) typer.presetHeader(chunk.header);
  const reader = readerFor(file, options.format);
  if ('readFile' in reader) throw new Error('a chunk is read from a text format only');
  async function* one(): AsyncGenerator<Uint8Array> {
    yield bytes;
  }
  for await (const block of reader.read(one(), file, { encoding: 'utf-8', firstLine: chunk.firstLine, ...(options.smallFirstBlocks ? { smallFirstBlocks: true } : {}) })) {
    const batch = typer.push(block);
    if (batch) yield batch;
  }
}
