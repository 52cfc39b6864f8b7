// Raw blocks of one file into typed batches: the header found (below any title rows) and resolved to
// fields once; every row checked for emptiness and width; every cell parsed once into its field's
// type. `check` and `validate` read surveys through this one stage: `check` refuses a structural
// problem, `validate` reports it; both see the same cells read the same way.
import type { Batch } from '../batch.js';
import { DabiaoError } from '../errors.js';
import type { ItemList } from '../batch.js';
import { rowCells, type CellTable } from './cell-table.js';
import type { HeaderMatcher } from './headers.js';
import type { HeaderInfo, RawBlock, RawRow, RowProblem, TablePart } from './reader.js';
import { TableRows } from './table-rows.js';
import { ColumnArena } from './column-arena.js';
import { mayBeginFooter, notARecord, type NotARecord } from './footer.js';
import { NO_OWNED, ownedCellsByColumn, type ColumnBuilder, type Parsers } from './typing.js';

export interface TypingOptions {
  parsers: Parsers;
  /** Only these fields are typed (what the rules and reports read); default every field. */
  only?: ReadonlySet<string>;
  matcher: HeaderMatcher;
  /** The 1-based row holding the headers (default: the best-scoring of the first rows). */
  headerRow?: number;
  /** List fields whose entries should be names from the vocabulary, with the endings category
   * checklists accept: an entry outside both is reported. */
  knownItem?: (field: string, item: string) => boolean;
  /** A header was found (title rows above it are named here). */
  onHeader?: (header: HeaderInfo) => void;
  /** A row that is empty (skipped) or has more or fewer cells than the header. */
  onRowProblem(problem: RowProblem, line: number, sheet: string | undefined): void;
  /** A column that names no field (or has no header), once per file (JSON: per distinct key). */
  onUnknownColumn?(name: string, column: number, line: number): void;
  /** A list entry outside the vocabulary, at each occurrence. */
  onUnknownItem?(field: string, item: string, line: number, column: number | null): void;
  /** Two columns meaning one field: told here instead of refused (validate); the second is not read. */
  onClash?(first: string, second: string, field: string, line: number, column: number): void;
  /** A column without a header: the first line where it holds data, or null when it never does. */
  onBlankColumn?(column: number, line: number | null): void;
}

/**
 * A header resolved once per file: the field of each column, or null. Two columns meaning one field are
 * refused here, at the header row and the second column, before any record is read.
 */
export function resolveHeader(header: HeaderInfo, matcher: HeaderMatcher, onClash?: TypingOptions['onClash']): (string | null)[] {
  const owner = new Map<string, string>();
  return header.names.map((name, i) => {
    const field = name === '' ? null : matcher.match(name);
    if (field === null) return null;
    const first = owner.get(field);
    if (first !== undefined && onClash) {
      onClash(first, name, field, header.line, i + 1);
      return null;
    }
    if (first !== undefined) {
      throw new DabiaoError({ code: 'columns-clash', params: { first, second: name, field }, location: { file: header.file, line: header.line, col: i + 1 } });
    }
    owner.set(field, name);
    return field;
  });
}

/** One batch of records being typed. */
class BatchBuilder {
  readonly lines: Int32Array;
  size = 0;
  private readonly columns = new Map<string, ColumnBuilder>();
  private readonly arena = new ColumnArena();

  constructor(
    private readonly parsers: Parsers,
    readonly capacity: number,
    private readonly only?: ReadonlySet<string>,
  ) {
    this.lines = new Int32Array(capacity);
  }

  column(field: string, position: number | null): ColumnBuilder | undefined {
    let column = this.columns.get(field);
    if (!column) {
      if (this.only && !this.only.has(field)) return undefined;
      const parser = this.parsers.get(field);
      if (!parser) return undefined;
      column = parser.newColumn(this.capacity, position, this.arena);
      this.columns.set(field, column);
    }
    return column;
  }

  build(file: string, sheet: string | null): Batch {
    const columns = new Map([...this.columns].map(([field, column]) => [field, column.build(this.size)] as const));
    return { size: this.size, file, sheet, lines: this.lines.slice(0, this.size), columns };
  }
}

/** Types the blocks of one file. */
export class FileTyper {
  private fields: (string | null)[] | undefined;
  private sheet: string | undefined;
  private records = 0;
  private readonly tableRows: TableRows;
  /** JSON: keys already reported as unknown. */
  private readonly unknownKeys = new Set<string>();
  /** Columns without a header (0-based) -> the first line where one holds data. */
  private readonly blankColumns = new Map<number, number | null>();

  constructor(
    readonly file: string,
    private readonly options: TypingOptions,
  ) {
    this.tableRows = new TableRows({
      file,
      strictWidth: true,
      ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
      headerScore: (cells) => options.matcher.score(cells),
      onHeader: (header) => this.setHeader(header),
    });
  }

  /** Records typed so far. */
  get count(): number {
    return this.records;
  }

  private setHeader(header: HeaderInfo): void {
    this.fields = resolveHeader(header, this.options.matcher, this.options.onClash);
    this.options.onHeader?.(header);
    header.names.forEach((name, i) => {
      if (name === '') this.blankColumns.set(i, null);
      const unknown = name === '' ? this.options.onBlankColumn === undefined : this.options.matcher.match(name) === null;
      if (unknown) this.options.onUnknownColumn?.(name, i + 1, header.line);
    });
  }

  /** Excel readers find their header themselves; they tell it here. */
  header(header: HeaderInfo): void {
    this.sheet = header.sheet;
    this.setHeader(header);
  }

  /** A chunk of a file read in a worker: the header was found (and told) by the main thread. */
  presetHeader(header: HeaderInfo): void {
    this.fields = resolveHeader(header, this.options.matcher);
  }

  push(block: RawBlock): Batch | undefined {
    const builder = new BatchBuilder(this.options.parsers, block.kind === 'table' ? block.parts.reduce((rows, part) => rows + part.table.rows, 64) : block.rows.length, this.options.only);
    if (block.kind === 'table') for (const part of block.parts) this.table(part, builder);
    else for (const row of block.rows) this.row(row, builder);
    return this.done(builder);
  }

  /** End of file: rows held back while the header was sought. */
  finish(): Batch | undefined {
    const builder = new BatchBuilder(this.options.parsers, 64, this.options.only);
    if (!this.tableRows.hasHeader && this.fields) return undefined;
    for (const row of this.tableRows.finish()) this.row({ ...row, paired: true }, builder);
    return this.done(builder);
  }

  private done(builder: BatchBuilder): Batch | undefined {
    if (builder.size === 0) return undefined;
    this.records += builder.size;
    return builder.build(this.file, this.sheet ?? null);
  }

  private table(part: TablePart, builder: BatchBuilder): void {
    const { table } = part;
    const decodeText = part.decodeText ?? ((text: string) => text);
    let row = 0;
    // Until the header is found, rows go through the header search as text.
    for (; row < table.rows && !this.fields; row++) {
      for (const raw of this.tableRows.push({ line: table.lines[row] as number, cells: rowCells(table, row, decodeText) })) this.row({ ...raw, paired: true }, builder);
    }
    const fields = this.fields;
    if (!fields) return;
    const width = fields.length;
    const mapped: { index: number; column: ColumnBuilder }[] = [];
    fields.forEach((field, index) => {
      const column = field === null ? undefined : builder.column(field, index + 1);
      if (column) mapped.push({ index, column });
    });
    const lists = mapped.filter(({ column }) => column.parser.type === 'list' && this.options.knownItem);
    // Rows first (empty ones skipped, ragged ones told), then each column filled over all of them: a
    // column's cells are all of one type, so its loop stays simple and fast.
    const base = builder.size;
    const firsts = new Int32Array(table.rows - row);
    const counts = new Int32Array(table.rows - row);
    let kept = 0;
    for (; row < table.rows; row++) {
      const line = table.lines[row] as number;
      const first = table.rowStart[row] as number;
      const cells = (table.rowStart[row + 1] as number) - first;
      if (blankRow(table, first, cells)) {
        this.options.onRowProblem({ type: 'empty' }, line, undefined);
        continue;
      }
      const other = footerRow(table, row, first, cells, decodeText);
      if (other !== null) {
        this.options.onRowProblem({ type: other.kind, text: other.text }, line, undefined);
        continue;
      }
      if (cells !== width) this.options.onRowProblem({ type: 'ragged', cells, expected: width }, line, undefined);
      builder.lines[base + kept] = line;
      firsts[kept] = first;
      counts[kept] = cells;
      kept++;
      if (this.blankColumns.size > 0) this.blankData(table, first, cells, line);
    }
    builder.size += kept;
    const owned = ownedCellsByColumn(table, firsts, counts, kept);
    for (const { index, column } of mapped) column.fillFromTable(table, base, firsts, counts, kept, index, owned.get(index) ?? NO_OWNED, part.decode, decodeText);
    for (const { column } of lists) for (let at = base; at < base + kept; at++) this.items(column, at, builder.lines[at] as number);
  }

  /** Note the first line where a column without a header holds data. */
  private blankData(table: CellTable, first: number, cells: number, line: number): void {
    for (const [index, seen] of this.blankColumns) {
      if (seen !== null || index >= cells) continue;
      if (!blankRow(table, first + index, 1)) this.blankColumns.set(index, line);
    }
  }

  /** End of file: columns without a header, and whether they held data. */
  reportBlankColumns(): void {
    for (const [index, line] of this.blankColumns) this.options.onBlankColumn?.(index + 1, line);
  }

  private row(row: RawRow, builder: BatchBuilder): void {
    if (row.sheet !== undefined) this.sheet = row.sheet;
    if (row.problem?.type === 'empty' || row.problem?.type === 'footer' || row.problem?.type === 'example') {
      this.options.onRowProblem(row.problem, row.line, row.sheet);
      return;
    }
    if (row.problem) this.options.onRowProblem(row.problem, row.line, row.sheet);
    const at = builder.size++;
    builder.lines[at] = row.line;
    const fields = row.paired ? this.fields : undefined;
    const seen = new Map<string, string>();
    row.entries.forEach(([key, value], i) => {
      const position = row.columns?.[i] ?? i + 1;
      let field: string | null | undefined;
      if (fields) {
        field = fields[position - 1];
        if (this.blankColumns.get(position - 1) === null && value !== undefined && value !== null && String(value).trim() !== '') this.blankColumns.set(position - 1, row.line);
      }
      else {
        // JSON and NDJSON: each record names its own keys.
        field = key === '' ? null : this.options.matcher.match(key);
        if (field === null) {
          if (!this.unknownKeys.has(key)) {
            if (this.unknownKeys.size < 10_000) this.unknownKeys.add(key);
            this.options.onUnknownColumn?.(key, position, row.line);
          }
          return;
        }
        const other = seen.get(field);
        if (other !== undefined) throw new DabiaoError({ code: 'columns-clash', params: { first: other, second: key, field }, location: { file: this.file, line: row.line } });
        seen.set(field, key);
      }
      if (field === null || field === undefined) return;
      const column = builder.column(field, position);
      if (!column) return;
      column.set(at, value);
      if (column.parser.type === 'list' && this.options.knownItem) this.items(column, at, row.line);
    });
  }

  /** Report the entries of a list cell outside the vocabulary: each distinct list is looked through
   * once per field parser, that is once a run on each thread, not once per chunk of a large file. */
  private items(column: ColumnBuilder, row: number, line: number): void {
    const list = column.listAt(row);
    if (!list) return;
    const field = column.parser.def.id;
    const seen = column.parser.unknownItems;
    let unknown = seen.get(list);
    if (!unknown) {
      unknown = unknownItems(list, field, this.options.knownItem as (field: string, item: string) => boolean);
      seen.set(list, unknown);
    }
    for (const item of unknown) this.options.onUnknownItem?.(field, item, line, column.position);
  }
}

function unknownItems(list: ItemList, field: string, known: (field: string, item: string) => boolean): readonly string[] {
  return list.items.filter((item) => !known(field, item));
}

/** A total, footer or example row (footer.ts), or null for a record. Only a row whose
 * first filled cells hold non-ASCII text is decoded to look. */
function footerRow(table: CellTable, row: number, first: number, cells: number, decodeText: (text: string) => string): NotARecord | null {
  // Most blocks keep no cell apart: no lookup per cell then.
  const escapes = table.unescaped.size > 0;
  for (let i = first; i < first + Math.min(cells, 3); i++) {
    const own = escapes ? table.unescaped.get(i) : undefined;
    const start = table.cellStart[i] as number;
    const end = table.cellEnd[i] as number;
    const code = own !== undefined ? own.charCodeAt(0) : start < end ? table.text.charCodeAt(start) : 32;
    if (code === 32 || Number.isNaN(code)) continue;
    if (!mayBeginFooter(code)) return null;
    return notARecord(rowCells(table, row, decodeText));
  }
  return null;
}

/** A row all of whose cells are blank (spaces at most). */
function blankRow(table: CellTable, first: number, cells: number): boolean {
  const escapes = table.unescaped.size > 0;
  for (let i = first; i < first + cells; i++) {
    const own = escapes ? table.unescaped.get(i) : undefined;
    if (own !== undefined) {
      if (own.trim() !== '') return false;
      continue;
    }
    const text = table.text;
    for (let at = table.cellStart[i] as number; at < (table.cellEnd[i] as number); at++) {
      const code = text.charCodeAt(at);
      if (code !== 32 && code !== 9) return false;
    }
  }
  return true;
}

/** Records given as values by field (a test's rows, a planner's site) as one typed batch. */
export function batchOfRecords(records: readonly { file: string; line: number; values: ReadonlyMap<string, unknown>; sheet?: string }[], parsers: Parsers): Batch {
  const builder = new BatchBuilder(parsers, records.length);
  records.forEach((record, row) => {
    builder.size++;
    builder.lines[row] = record.line;
    for (const [field, value] of record.values) builder.column(field, null)?.set(row, value);
  });
  return builder.build(records[0]?.file ?? '', records[0]?.sheet ?? null);
}
