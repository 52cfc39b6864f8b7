// NDJSON / JSON Lines: one object per line, streamed; a bad line is an error naming that line.
import { DabiaoError } from '../errors.js';
import { decodeText } from './decode.js';
import type { RawRow, SurveyReader } from './reader.js';
import { jsonDetail, positionOf, scanRecords } from './json.js';

async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of chunks) {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      yield pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  }
  if (pending !== '') yield pending.replace(/\r$/, '');
}

export const ndjsonReader: SurveyReader = {
  format: 'ndjson',
  extensions: ['.ndjson', '.jsonl'],
  async *read(bytes, file, options): AsyncGenerator<RawRow> {
    let line = 0;
    let rows = 0;
    for await (const text of lines(decodeText(bytes, file, { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.onEncoding ? { onEncoding: options.onEncoding } : {}) }))) {
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
    if (rows === 0 && line === 0) throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
  },
};
