// CSV (RFC 4180: quotes, embedded commas and line breaks, CRLF) streamed through csv-parse.
import { parse, CsvError } from 'csv-parse';
import { DabiaoError } from '../errors.js';
import { decodeText } from './decode.js';
import type { RawRow, SurveyReader } from './reader.js';
import { TableRows } from './table-rows.js';

/** Line breaks inside a record's quoted cells: a line feed ends a line (CRLF too); a lone carriage
 * return does not, as editors and `wc -l` count lines. */
function lineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count++;
  return count;
}

export const csvReader: SurveyReader = {
  format: 'csv',
  extensions: ['.csv'],
  async *read(bytes, file, options): AsyncGenerator<RawRow> {
    // Records are taken synchronously as the parser sees them (on_record), so every record before a
    // syntax error is handled before the error is, and its line is known.
    const queue: { line: number; cells: string[] }[] = [];
    // Lines are counted here: csv-parse counts a CRLF inside quotes as two lines. A record starts
    // after the lines of the records before it (and their embedded breaks) and any skipped empty lines.
    let linesBefore = 0;
    let lastLine = 0;
    let failure: unknown;
    const parser = parse({
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 32 * 1024 * 1024,
      on_record: (record: string[], context: { empty_lines: number }) => {
        const line = linesBefore + context.empty_lines + 1;
        const breaks = lineBreaks(record);
        linesBefore += 1 + breaks;
        lastLine = line + breaks;
        queue.push({ line, cells: record });
        return undefined;
      },
    });
    parser.on('error', (error) => (failure ??= error));
    const table = new TableRows({ ...options, file, strictWidth: true });
    let rows = 0;
    const drain = function* (): Generator<RawRow> {
      while (queue.length > 0) {
        rows++;
        yield* table.push(queue.shift() as { line: number; cells: string[] });
      }
      if (failure !== undefined) throw malformed(failure, file, lastLine + 1);
    };
    const decode = { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.onEncoding ? { onEncoding: options.onEncoding } : {}) };
    for await (const text of decodeText(bytes, file, decode)) {
      parser.write(text);
      yield* drain();
    }
    await new Promise<void>((resolve) => {
      parser.once('error', () => resolve());
      parser.end(() => resolve());
    });
    yield* drain();
    yield* table.finish();
    if (rows === 0) throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
  },
};

function malformed(error: unknown, file: string, line: number): DabiaoError {
  if (error instanceof DabiaoError) return error;
  const code = error instanceof CsvError ? error.code : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return new DabiaoError({ code: 'csv-unclosed-quote', params: {}, location: { file, line } });
  if (code === 'CSV_MAX_RECORD_SIZE') return new DabiaoError({ code: 'cell-too-large', params: {}, location: { file, line } });
  return new DabiaoError({ code: 'survey-malformed', params: { detail: error instanceof Error ? error.message : String(error) }, location: { file, line } });
}
