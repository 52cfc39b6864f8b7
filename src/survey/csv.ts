// CSV (RFC 4180: quotes, embedded commas and line breaks, CRLF) streamed through csv-parse.
import { once } from 'node:events';
import { parse, CsvError } from 'csv-parse';
import { DabiaoError } from '../errors.js';
import { decodeUtf8 } from './decode.js';
import type { RawRow, SurveyReader } from './reader.js';

interface Parsed {
  record: string[];
  info: { lines: number; empty_lines: number };
}

function lineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) count += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return count;
}

export const csvReader: SurveyReader = {
  format: 'csv',
  extensions: ['.csv'],
  async *read(bytes, file): AsyncGenerator<RawRow> {
    const parser = parse({ info: true, bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 10 * 1024 * 1024 });
    // Feed decoded text by hand so a decoding error reaches the loop below instead of escaping as an
    // unhandled stream error.
    void (async () => {
      for await (const text of decodeUtf8(bytes, file)) {
        if (!parser.write(text)) await once(parser, 'drain');
      }
      parser.end();
    })().catch((error: unknown) => parser.destroy(error instanceof Error ? error : new Error(String(error))));
    let header: string[] | undefined;
    let lastLine = 0;
    // Lines are counted here: csv-parse counts a CRLF inside quotes as two lines. A record starts
    // after the lines of the records before it (and their embedded breaks) and any skipped empty lines.
    let linesBefore = 0;
    let drift = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<Parsed>) {
        const line = linesBefore + info.empty_lines + 1;
        linesBefore += 1 + lineBreaks(record);
        lastLine = line + lineBreaks(record);
        drift = info.lines - lastLine;
        if (!header) {
          header = record.map((cell) => cell.trim());
          continue;
        }
        yield { line, entries: header.map((name, i) => [name, record[i]] as const) };
      }
    } catch (error) {
      if (error instanceof DabiaoError) throw error;
      if (error instanceof CsvError) {
        const quote = error.code === 'CSV_QUOTE_NOT_CLOSED';
        const reported = (error as CsvError & { lines?: number }).lines;
        const line = quote || reported === undefined ? lastLine + 1 : reported - drift;
        const detail = quote ? 'unclosed quote' : error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? `row has a different number of cells than the header (${header?.length ?? '?'})` : error.message;
        throw new DabiaoError({ code: 'survey-malformed', params: { detail }, location: { file, line } });
      }
      throw error;
    }
    if (!header) throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
  },
};
