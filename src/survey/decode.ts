// Turn a survey file's bytes into text. The encoding is detected from the first 64 KiB — a BOM,
// UTF-16's zero bytes, valid UTF-8, otherwise GB18030 (the superset of GBK and GB2312, so 4-byte
// characters such as 𠮷 survive) — or given with --encoding. Bytes that do not decode are an error
// naming the line they are on, never replacement characters slipped into the data.
import { DabiaoError } from '../errors.js';

export const DETECTION_WINDOW = 64 * 1024;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Names accepted by --encoding, mapped to the decoder used. GBK and GB2312 decode as GB18030. */
export const ENCODING_NAMES: Readonly<Record<string, Encoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16': 'utf-16le',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
};

export function encodingNamed(name: string): Encoding {
  const encoding = ENCODING_NAMES[name.toLowerCase()];
  if (!encoding) {
    throw new DabiaoError({ code: 'bad-option', params: { option: '--encoding', allowed: Object.keys(ENCODING_NAMES).join(', ') } });
  }
  return encoding;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  // A multi-byte character may be cut at the window's end: allow up to 3 trailing bytes to be incomplete.
  for (let cut = 0; cut <= Math.min(3, bytes.length); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

export function detectEncoding(head: Uint8Array): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: ASCII characters leave every other byte zero.
  let evenZeros = 0;
  let oddZeros = 0;
  const sample = Math.min(head.length, 4096);
  for (let i = 0; i < sample; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  if (oddZeros > sample / 8 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > sample / 8 && oddZeros === 0) return 'utf-16be';
  if (isValidUtf8(head)) return 'utf-8';
  // Valid UTF-8 Chinese before the first bad byte means a UTF-8 file that switches encoding part-way:
  // read it as UTF-8 so the bad line is reported, rather than the whole file turned into mojibake.
  const lenient = new TextDecoder('utf-8').decode(head);
  const before = lenient.slice(0, lenient.indexOf('\uFFFD'));
  let multibyte = 0;
  for (const char of before) if (char.charCodeAt(0) > 0x7f) multibyte++;
  return multibyte >= 2 ? 'utf-8' : 'gb18030';
}

export function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Collect at least `size` bytes (or the whole stream) to detect from, keeping the rest to follow. */
export async function* withHead(bytes: AsyncIterable<Uint8Array>, size: number, onHead: (head: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  const pending: Uint8Array[] = [];
  let length = 0;
  let released = false;
  const release = function* (): Generator<Uint8Array> {
    // One chunk (a worker's whole chunk, or a large first read) is the head as it is: no copy of megabytes.
    const head = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending, length);
    onHead(head);
    released = true;
    if (head.byteLength > 0) yield head;
  };
  for await (const chunk of bytes) {
    if (released) {
      yield chunk;
      continue;
    }
    pending.push(chunk);
    length += chunk.byteLength;
    if (length >= size) yield* release();
  }
  if (!released) yield* release();
}

interface Decoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

async function decoderFor(encoding: Encoding): Promise<Decoder> {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  // Loaded for the files that need it only (about 11 ms of every start otherwise). iconv-lite drops a
  // leading BOM by default and replaces undecodable bytes with U+FFFD, which we refuse.
  const { default: iconv } = await import('iconv-lite');
  const decoder = iconv.getDecoder(encoding);
  return { write: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), end: () => decoder.end() ?? '' };
}

export interface DecodeOptions {
  /** Force an encoding instead of detecting it. */
  encoding?: Encoding;
  /** Told which encoding was used (detected or forced). */
  onEncoding?: (encoding: Encoding) => void;
}

export async function* decodeText(bytes: AsyncIterable<Uint8Array>, file: string, options: DecodeOptions = {}): AsyncGenerator<string> {
  let encoding: Encoding = options.encoding ?? 'utf-8';
  const source = withHead(bytes, DETECTION_WINDOW, (head) => {
    if (!options.encoding) encoding = detectEncoding(head);
    options.onEncoding?.(encoding);
  });
  let decoder: Decoder | undefined;
  let line = 1;
  let first = true;
  const fail = (): never => {
    throw new DabiaoError({ code: 'survey-encoding', params: { encoding: encoding.toUpperCase() }, location: { file, line } });
  };
  const check = (text: string): string => {
    const bad = text.indexOf('\uFFFD');
    if (bad !== -1 && encoding !== 'utf-8') {
      line += countNewlines(text.slice(0, bad));
      fail();
    }
    const nul = text.indexOf('\u0000');
    if (nul !== -1) {
      line += countNewlines(text.slice(0, nul));
      throw new DabiaoError({ code: 'nul-byte', params: {}, location: { file, line } });
    }
    line += countNewlines(text);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text) first = false;
    return text;
  };
  for await (const chunk of source) {
    decoder ??= await decoderFor(encoding);
    let text: string;
    try {
      text = decoder.write(chunk);
    } catch {
      // Locate the first undecodable byte: the error path only, so a second, lenient decode is fine.
      line += countNewlines(new TextDecoder('utf-8').decode(chunk).split('\uFFFD')[0] ?? '');
      return fail();
    }
    text = check(text);
    if (text) yield text;
  }
  let rest = '';
  decoder ??= await decoderFor(encoding);
  try {
    rest = decoder.end();
  } catch {
    fail();
  }
  rest = check(rest);
  if (rest) yield rest;
}
