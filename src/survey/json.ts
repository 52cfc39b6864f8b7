// JSON: an array of objects, loaded whole (arrays may be; NDJSON is the streaming format).
// Each element keeps the line it starts on.
import { DabiaoError } from '../errors.js';
import { inBlocks, type RawRow, type ReadOptions, type SurveyReader } from './reader.js';
import { decodeText } from './decode.js';

/** Bound for a whole-file JSON survey; larger surveys should use NDJSON, which streams. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

export const jsonReader: SurveyReader = {
  format: 'json',
  extensions: ['.json'],
  read: (bytes, file, options) => inBlocks(jsonRows(bytes, file, options)),
};

async function* jsonRows(bytes: AsyncIterable<Uint8Array>, file: string, options: ReadOptions): AsyncGenerator<RawRow> {
  {
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
      throw new DabiaoError({ code: 'json-syntax', params: { detail: jsonDetail(error) }, location: { file, ...positionOf(text, error) } });
    }
    if (!Array.isArray(data)) {
      throw new DabiaoError({ code: 'json-not-array', params: {}, location: { file, line: 1 } });
    }
    const scanned = scanRecords(text, 1);
    for (let i = 0; i < data.length; i++) {
      const element: unknown = data[i];
      const line = scanned[i]?.line ?? 1;
      const duplicate = scanned[i]?.duplicate;
      if (duplicate !== undefined) {
        throw new DabiaoError({ code: 'duplicate-json-key', params: { key: duplicate }, location: { file, line } });
      }
      if (element === null || typeof element !== 'object' || Array.isArray(element)) {
        throw new DabiaoError({ code: 'json-not-object', params: {}, location: { file, line } });
      }
      yield { line, entries: Object.entries(element) };
    }
  }
}

export function jsonDetail(error: unknown): string {
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

/**
 * One pass over JSON text that JSON.parse has accepted: the line each record starts on, and the first
 * key repeated within a record (JSON.parse keeps the last silently; a survey record must not be
 * ambiguous). `recordDepth` is 1 for an array of records, 0 for a single record (an NDJSON line).
 */
export function scanRecords(text: string, recordDepth: number): { line: number; duplicate?: string }[] {
  const records: { line: number; duplicate?: string }[] = [];
  let depth = 0;
  let line = 1;
  let keys: Set<string> | undefined;
  let current: { line: number; duplicate?: string } | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    else if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (keys && depth === recordDepth + 1) {
        let next = end + 1;
        while (next < text.length && /\s/.test(text[next] as string)) next++;
        if (text[next] === ':') {
          const key = JSON.parse(text.slice(i, end + 1)) as string;
          if (keys.has(key) && current && current.duplicate === undefined) current.duplicate = key;
          keys.add(key);
        }
      }
      for (let j = i; j < end; j++) if (text[j] === '\n') line++;
      i = end;
    } else if (ch === '{' || ch === '[') {
      if (depth === recordDepth) {
        current = { line };
        records.push(current);
        keys = ch === '{' ? new Set() : undefined;
      }
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === recordDepth) keys = undefined;
    } else if (depth === recordDepth && ch !== undefined && !/[\s,]/.test(ch)) {
      // A scalar element: still an element, for the "not an object" message.
      records.push({ line });
      while (i + 1 < text.length && !/[\s,\]]/.test(text[i + 1] as string)) i++;
    }
  }
  return records;
}
