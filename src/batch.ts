// The engine's boundary: survey readers yield batches of typed columns, each cell parsed once into its
// field's type, with the reason beside any cell that could not be read. The engine evaluates a batch a
// column at a time; a full per-record view is built only to explain a result a report lists. Plain
// data and typed arrays only: no Node API, so the same engine can run in a web page.

export type Value = number | boolean | string | readonly string[];

/** A value converted from another unit (12亩 -> 8,000.04 m²): stated in the result. */
export interface Conversion {
  raw: string;
  from: string;
  factor: number;
}

/** One cell as a check reads it. */
export type Parsed =
  | { ok: true; value: Value; converted?: Conversion }
  | { ok: false; problem: 'missing' }
  | { ok: false; problem: 'unparseable' | 'out-of-range'; raw: string };

/** Why a cell holds no value: its state beside the values. */
export const CELL_OK = 0;
export const CELL_MISSING = 1;
export const CELL_UNPARSEABLE = 2;
export const CELL_OUT_OF_RANGE = 3;

/** A list of canonical item names, interned: the same list text gives the same object, so a check
 * judges each distinct list once. `keys` holds the normalised names for membership tests. */
export interface ItemList {
  readonly id: number;
  readonly items: readonly string[];
  readonly keys: ReadonlySet<string>;
}

interface ColumnBase {
  readonly field: string;
  /** 1-based column in the file (the first column the field came from), for locations. */
  readonly position: number | null;
  /** CELL_OK, CELL_MISSING, CELL_UNPARSEABLE or CELL_OUT_OF_RANGE per row. */
  readonly state: Uint8Array;
  /** The cell's text where it could not be read (quoted back in reasons), by row. */
  readonly raw: ReadonlyMap<number, string>;
}

export interface NumberColumn extends ColumnBase {
  readonly type: 'number';
  readonly values: Float64Array;
  /** Rows whose value was converted from another unit. */
  readonly conversions: ReadonlyMap<number, Conversion>;
}

export interface BooleanColumn extends ColumnBase {
  readonly type: 'boolean';
  /** 1 yes, 0 no. */
  readonly values: Uint8Array;
}

export interface EnumColumn extends ColumnBase {
  readonly type: 'enum';
  /** Index into `codes`. */
  readonly values: Int32Array;
  /** The field's value ids, in the dictionary's order. */
  readonly codes: readonly string[];
}

export interface ListColumn extends ColumnBase {
  readonly type: 'list';
  readonly values: (ItemList | undefined)[];
}

export interface TextColumn extends ColumnBase {
  readonly type: 'text';
  readonly values: (string | undefined)[];
}

export type Column = NumberColumn | BooleanColumn | EnumColumn | ListColumn | TextColumn;

export interface Batch {
  /** Records in the batch. */
  readonly size: number;
  readonly file: string;
  /** The worksheet, for Excel. */
  readonly sheet: string | null;
  /** 1-based line (or worksheet row) each record starts on. */
  readonly lines: Int32Array;
  /** The columns of the fields the file has (a field it lacks has no column: its cells are missing). */
  readonly columns: ReadonlyMap<string, Column>;
}

const MISSING: Parsed = { ok: false, problem: 'missing' };

/** One cell as a Parsed value, for the per-record view. */
export function cellAt(column: Column | undefined, row: number): Parsed {
  if (!column) return MISSING;
  const state = column.state[row];
  if (state === CELL_MISSING) return MISSING;
  if (state !== CELL_OK) return { ok: false, problem: state === CELL_OUT_OF_RANGE ? 'out-of-range' : 'unparseable', raw: column.raw.get(row) ?? '' };
  switch (column.type) {
    case 'number': {
      const converted = column.conversions.get(row);
      const value = column.values[row] as number;
      return converted ? { ok: true, value, converted } : { ok: true, value };
    }
    case 'boolean':
      return { ok: true, value: column.values[row] === 1 };
    case 'enum':
      return { ok: true, value: column.codes[column.values[row] as number] as string };
    case 'list':
      return { ok: true, value: column.values[row]?.items ?? [] };
    case 'text':
      return { ok: true, value: column.values[row] ?? '' };
  }
}

/** A record as checks see it: its typed values by canonical field. */
export interface RecordView {
  get(field: string): Parsed;
}

/** One row of a batch as a record view. */
export class BatchRow implements RecordView {
  constructor(
    readonly batch: Batch,
    readonly row: number,
  ) {}

  get(field: string): Parsed {
    return cellAt(this.batch.columns.get(field), this.row);
  }
}
