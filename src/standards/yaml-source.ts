// Parse untrusted YAML into plain data while keeping a way back from a data path to file:line:col.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { DabiaoError, type Location, type Problem } from '../errors.js';
import { neutralise } from '../text.js';

/** Bounds for untrusted YAML: aliases expand at most this often, and files stay small. */
export const MAX_YAML_ALIASES = 100;
export const MAX_YAML_BYTES = 1024 * 1024;

export type DataPath = readonly (string | number)[];

/** How much of a file's text a message may quote when the file is not what it claims to be. */
export const MAX_ECHOED_CHARS = 80;

export interface YamlSource {
  file: string;
  data: unknown;
  /** The file's first characters, the most any message quotes of a file that is not what it claims. */
  head: string;
  /** The location of the value at `path`, or of its nearest existing parent. */
  locate(path: DataPath, key?: boolean): Location;
}

export function parseYaml(text: string, file: string): YamlSource {
  if (text.length > MAX_YAML_BYTES) {
    throw new DabiaoError({ code: 'file-too-large', params: { size: text.length, limit: MAX_YAML_BYTES }, location: { file } });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  const at = (offset: number): Location => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col };
  };
  const syntax = [...doc.errors].map((error): Problem => {
    const duplicate = /^Map keys must be unique/.test(error.message);
    const location = at(error.pos[0]);
    return duplicate
      ? { code: 'yaml-duplicate-key', params: { key: keyAt(doc, error.pos[0]) }, location }
      : { code: 'yaml-syntax', params: { detail: firstLine(error.message) }, location };
  });
  if (syntax.length > 0) throw new DabiaoError(syntax[0] as Problem, ...syntax.slice(1));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof ReferenceError || /alias/i.test(String(error))) {
      throw new DabiaoError({ code: 'yaml-aliases', params: {}, location: { file, line: 1 } });
    }
    throw error;
  }

  return {
    file,
    data,
    head: neutralise(text.slice(0, MAX_ECHOED_CHARS).replace(/\s+/g, ' ').trim()) + (text.length > MAX_ECHOED_CHARS ? '…' : ''),
    locate(path, key = false) {
      for (let depth = path.length; depth >= 0; depth--) {
        const node = nodeAt(doc, path.slice(0, depth), key && depth === path.length);
        if (node?.range) return at(node.range[0]);
      }
      return { file, line: 1, col: 1 };
    },
  };
}

function nodeAt(doc: Document, path: DataPath, wantKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return undefined;
      node = wantKey && i === path.length - 1 ? pair.key : pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  return (node ?? undefined) as Node | undefined;
}

function keyAt(doc: Document, offset: number): string {
  let found = '';
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.range && pair.key.range[0] === offset) found = String(pair.key.value);
        visit(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return clip(found || '?');
}

function firstLine(message: string): string {
  return clip(message.split('\n')[0] ?? message);
}

/** A key or value quoted from a file, cut to the echo bound. */
export function clip(text: string): string {
  return text.length > MAX_ECHOED_CHARS ? `${text.slice(0, MAX_ECHOED_CHARS)}…` : text;
}
