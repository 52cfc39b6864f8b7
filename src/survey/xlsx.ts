// Excel workbooks (.xlsx), streamed row by row with exceljs. The first worksheet unless --sheet names
// one; the header row is found below any title rows (merged title cells leave their value in the first
// cell only). Formula cells give their cached result; a formula without one, or an error value such as
// #DIV/0!, is kept as text that no number or yes/no reading accepts, so the rule is `unknown`.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DabiaoError } from '../errors.js';
import type { RawRow, SurveyReader } from './reader.js';
import { TableRows } from './table-rows.js';

/** A cell's value as survey data: text, number, boolean, or the text of what it holds. */
export function cellValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const cell = value as Record<string, unknown>;
  if ('error' in cell) return String(cell.error);
  if ('formula' in cell || 'sharedFormula' in cell) {
    return 'result' in cell && cell.result !== undefined && cell.result !== null ? cellValue(cell.result) : `=${String(cell.formula ?? cell.sharedFormula)}`;
  }
  if ('richText' in cell && Array.isArray(cell.richText)) return (cell.richText as { text?: string }[]).map((part) => part.text ?? '').join('');
  if ('text' in cell) return cellValue(cell.text);
  return JSON.stringify(value);
}

export const xlsxReader: SurveyReader = {
  format: 'xlsx',
  extensions: ['.xlsx', '.xlsm'],
  async *read(bytes, file, options): AsyncGenerator<RawRow> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
    });
    const seen: string[] = [];
    let found = false;
    try {
      for await (const worksheet of workbook) {
        const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${seen.length + 1}`;
        seen.push(name);
        if (found || (options.sheet !== undefined && name !== options.sheet)) {
          // The stream must still be read through to reach the next worksheet.
          for await (const row of worksheet) void row;
          continue;
        }
        found = true;
        const table = new TableRows({ ...options, file, sheet: name, strictWidth: false });
        for await (const row of worksheet) {
          const values = row.values as unknown[];
          const cells: unknown[] = [];
          for (let column = 1; column < values.length; column++) cells.push(cellValue(values[column]));
          yield* table.push({ line: row.number, cells });
        }
        yield* table.finish();
        if (!table.hasHeader) throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
      }
    } catch (error) {
      if (error instanceof DabiaoError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new DabiaoError({ code: 'xlsx-unreadable', params: { detail: detail.split('\n')[0] ?? '' }, location: { file } });
    }
    if (!found) {
      if (seen.length === 0) throw new DabiaoError({ code: 'xlsx-unreadable', params: { detail: 'no worksheet' }, location: { file } });
      throw new DabiaoError({ code: 'no-sheet', params: { sheet: options.sheet ?? '', sheets: seen.join(', ') }, location: { file } });
    }
  },
};
