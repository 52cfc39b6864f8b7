// Excel workbooks (.xlsx, .xlsm): the reader's entry in the registry. The workbook code (zip, XML,
// src/survey/xlsx/) is loaded only when an Excel file is read, so other runs start without it.
import { inBlocks, type FileReader, type RawRow, type ReadOptions } from './reader.js';

async function* rows(file: string, options: ReadOptions): AsyncGenerator<RawRow> {
  const { readXlsx } = await import('./xlsx/workbook.js');
  yield* readXlsx(file, options);
}

export const xlsxReader: FileReader = {
  format: 'xlsx',
  extensions: ['.xlsx', '.xlsm'],
  readFile: (file, options) => inBlocks(rows(file, options)),
};
