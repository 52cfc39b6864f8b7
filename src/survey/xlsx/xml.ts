// A part's XML, streamed through saxes. The parser gathers a text, a tag or a comment whole before it
// reports it, so what it buffers is bounded here by counting the characters it is fed between reports;
// nesting is bounded too. Element names are given without their namespace prefix (`x:row` is `row`):
// writers differ in prefixes, never in local names.
import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import { XlsxError } from './limits.js';

export interface XmlHandler<T = never> {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
  /** What the handler completed since the last call (a worksheet's rows), yielded by parseXml. */
  take?(): readonly T[];
}

export interface XmlBounds {
  /** Characters fed to the parser without it reporting anything. */
  token: number;
  depth: number;
  attributes: number;
  onToken: () => Error;
  onDepth: () => Error;
  onAttributes: () => Error;
}

/** Characters handed to the parser at a time: the granularity of the token bound. */
const PIECE = 64 * 1024;

const local = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

function decoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}

/** Parses the part as its bytes arrive, yielding what the handler completes as it completes it. */
export async function* parseXml<T>(part: string, chunks: AsyncIterable<Uint8Array>, handler: XmlHandler<T>, bounds: XmlBounds): AsyncGenerator<T> {
  const parser = new SaxesParser<{ xmlns: false; fileName: string }>({ xmlns: false, fileName: part });
  let reported = false;
  let depth = 0;
  // Attributes of the tag being read, counted as the parser reads them (it keeps them until the tag ends).
  let attributes = 0;
  // Handlers are properties saxes adds to itself: past seven, V8 turns the parser into a dictionary
  // object and parsing gets five times slower. Hence no handlers for processing instructions, doctypes
  // or tag starts (a run of those counts towards the token bound).
  parser.on('attribute', () => {
    if (++attributes > bounds.attributes) throw bounds.onAttributes();
  });
  parser.on('opentag', (tag) => {
    reported = true;
    attributes = 0;
    if (++depth > bounds.depth) throw bounds.onDepth();
    handler.open(local(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    reported = true;
    depth--;
    handler.close(local(tag.name));
  });
  const onText = (content: string): void => {
    reported = true;
    handler.text(content);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('comment', () => void (reported = true));

  let decoder: TextDecoder | undefined;
  let unreported = 0;
  const feed = (text: string): void => {
    for (let start = 0; start < text.length; start += PIECE) {
      const piece = text.slice(start, start + PIECE);
      reported = false;
      parser.write(piece);
      unreported = reported ? 0 : unreported + piece.length;
      if (unreported > bounds.token) throw bounds.onToken();
    }
  };
  try {
    for await (const chunk of chunks) {
      decoder ??= decoderFor(chunk);
      feed(decoder.decode(chunk, { stream: true }));
      if (handler.take) yield* handler.take();
    }
    feed((decoder ?? decoderFor(new Uint8Array())).decode());
    parser.close();
    if (handler.take) yield* handler.take();
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new XlsxError(`${part}: not valid ${decoder?.encoding.toUpperCase() ?? 'UTF-8'} text`);
    }
    // saxes reports malformed XML as a plain Error whose message starts with the part's name.
    if (error instanceof Error && error.constructor === Error && error.message.startsWith(`${part}:`)) throw new XlsxError(error.message);
    throw error;
  }
}

/** Parses a part to its end, for handlers that keep what they read. */
export async function parseAll(part: string, chunks: AsyncIterable<Uint8Array>, handler: XmlHandler, bounds: XmlBounds): Promise<void> {
  const parsing = parseXml(part, chunks, handler, bounds);
  while (!(await parsing.next()).done);
}
