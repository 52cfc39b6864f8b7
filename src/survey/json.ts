// JSON: an array of objects, loaded whole (arrays may be; NDJSON is the streaming format).
// Each element keeps the line it starts on.
import { DabiaoError } from '../errors.js';
import type { RawRow, SurveyReader } from './reader.js';
import { decodeText } from './decode.js';

/** Bound for a whole-file JSON survey; larger surveys should use NDJSON, which streams. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

export const jsonReader: SurveyReader = {
  format: 'json',
  extensions: ['.json'],
  async *read(bytes, file, options): AsyncGenerator<RawRow> {
    let text = '';
    for await (const chunk of decodeText(bytes, file, { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.onEncoding ? { onEncoding: options.onEncoding } : {}) })) {
      text += chunk;
      if (text.length > MAX_JSON_BYTES) {
        throw new DabiaoError({ code: 'file-too-large', params: { size: text.length, limit: MAX_JSON_BYTES }, location: { file } });
      }
    }
    text = text.replace(/^\uFEFF/, '');
    if (text.trim() === '') throw new DabiaoError({ code: 'survey-empty', params: {}, location: { file, line: 1 } });
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new DabiaoError({ code: 'survey-malformed', params: { detail: jsonDetail(error) }, location: { file, ...positionOf(text, error) } });
    }
    if (!Array.isArray(data)) {
      throw new DabiaoError({ code: 'survey-malformed', params: { detail: 'expected an array of records' }, location: { file, line: 1 } });
    }
    const lines = elementLines(text);
    for (let i = 0; i < data.length; i++) {
      const element: unknown = data[i];
      const line = lines[i] ?? 1;
      if (element === null || typeof element !== 'object' || Array.isArray(element)) {
        throw new DabiaoError({ code: 'survey-malformed', params: { detail: `element ${i + 1} is not an object` }, location: { file, line } });
      }
      yield { line, entries: Object.entries(element) };
    }
  },
};

function jsonDetail(error: unknown): string {
  return error instanceof Error ? error.message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '') : String(error);
}

/** Line and column of a JSON.parse error, from the position V8 reports. */
export function positionOf(text: string, error: unknown): { line: number; col: number } {
  const message = error instanceof Error ? error.message : '';
  const match = /position (\d+)/.exec(message);
  const offset = match ? Number(match[1]) : text.length;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** The line each top-level array element starts on, by a scan that skips strings. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && ch !== undefined && !/[\s,\]]/.test(ch)) {
      lines.push(line);
      expectElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return lines;
}
