// NDJSON / JSON Lines: one object per line, streamed; a bad line is an error naming that line.
import { DabiaoError } from '../errors.js';
import { decodeText } from './decode.js';
import { inBlocks, type RawRow, type ReadOptions, type SurveyReader } from './reader.js';
import { jsonDetail, positionOf, scanRecords } from './json.js';

/** A record is one line: past this many characters the line is refused, at its line number. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

/**
 * The lines of the text, each searched once: the part of a line not yet ended is kept as pieces, not
 * re-joined and re-searched with every chunk (a 40 MB line would otherwise cost quadratic time).
 */
async function* lines(chunks: AsyncIterable<string>, file: string, firstLine: number): AsyncGenerator<string> {
  let pieces: string[] = [];
  let length = 0;
  let line = firstLine;
  const take = (last: string): string => {
    const text = pieces.length === 0 ? last : pieces.join('') + last;
    pieces = [];
    length = 0;
    line++;
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      if (length + newline - start > MAX_LINE_CHARS) throw tooLong(file, line);
      yield take(chunk.slice(start, newline));
      start = newline + 1;
    }
    if (start < chunk.length) {
      pieces.push(chunk.slice(start));
      length += chunk.length - start;
      if (length > MAX_LINE_CHARS) throw tooLong(file, line);
    }
  }
  if (pieces.length > 0) yield take('');
}

function tooLong(file: string, line: number): DabiaoError {
  return new DabiaoError({ code: 'line-too-long', params: { limit: MAX_LINE_CHARS }, location: { file, line } });
}

export const ndjsonReader: SurveyReader = {
  format: 'ndjson',
  extensions: ['.ndjson', '.jsonl'],
  read: (bytes, file, options) => inBlocks(ndjsonRows(bytes, file, options)),
};

async function* ndjsonRows(bytes: AsyncIterable<Uint8Array>, file: string, options: ReadOptions): AsyncGenerator<RawRow> {
  {
    const first = options.firstLine ?? 1;
    let line = first - 1;
    let rows = 0;
    for await (const text of lines(decodeText(bytes, file, { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.onEncoding ? { onEncoding: options.onEncoding } : {}) }), file, first)) {
      line++;
      const body = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (body.trim() === '') continue;
      let data: unknown;
      try {
        data = JSON.parse(body);
      } catch (error) {
        throw new DabiaoError({ code: 'json-syntax', params: { detail: jsonDetail(error) }, location: { file, line, col: positionOf(body, error).col } });
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        throw new DabiaoError({ code: 'json-not-object', params: {}, location: { file, line } });
      }
      const duplicate = scanRecords(body, 0)[0]?.duplicate;
      if (duplicate !== undefined) {
        throw new DabiaoError({ code: 'duplicate-json-key', params: { key: duplicate }, location: { file, line } });
      }
      rows++;
      yield { line, entries: Object.entries(data) };
    }
    if (rows === 0 && line === first - 1 && first === 1) throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
  }
}
