// Decode a byte stream as UTF-8 (a BOM is dropped), failing with the line where invalid bytes start
// rather than letting replacement characters slip into the data.
import { DabiaoError } from '../errors.js';

export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  let line = 1;
  for await (const chunk of bytes) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw invalidAt(chunk, offset, line, file);
    }
    offset += chunk.byteLength;
    line += countNewlines(text);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new DabiaoError({ code: 'survey-encoding', params: { byte: offset }, location: { file, line } });
  }
}

/** Locate the first invalid byte of a chunk: the error path only, so a second decode is fine. */
function invalidAt(chunk: Uint8Array, offset: number, line: number, file: string): DabiaoError {
  const lenient = new TextDecoder('utf-8').decode(chunk);
  const bad = Math.max(0, lenient.indexOf('\uFFFD'));
  const before = lenient.slice(0, bad);
  const byte = offset + new TextEncoder().encode(before).byteLength;
  return new DabiaoError({ code: 'survey-encoding', params: { byte }, location: { file, line: line + countNewlines(before) } });
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
