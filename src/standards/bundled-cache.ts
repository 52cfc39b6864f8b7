// The bundled dictionary and standards as the build read them (precompile.ts writes this cache), so a
// run does not parse their YAML again: the dictionary alone took a quarter of a second. An entry is used
// only when a digest of the exact texts it came from matches the files read now, so an edited file is
// always read afresh, and only for a load the build's own (the bundled dictionary, the kinds it knew).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Problem } from '../errors.js';
import type { Standard } from '../model.js';
import type { DictionaryFile } from './dictionary.js';

/** Two files: a run given its own standard file reads only the dictionary's. */
export const CACHE_FILES = { dictionary: 'dictionary.cache.json', standards: 'standards.cache.json' } as const;

export interface DictionaryCache {
  digest: string;
  data: DictionaryFile;
}

export interface StandardsCache {
  /** The check kinds the standards were validated with, by name. */
  kinds: string;
  standards: Record<string, { digest: string; standard: Standard }>;
}

export function digestOf(...texts: string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\u0000');
  return hash.digest('hex');
}

export function kindNames(kinds: ReadonlyMap<string, unknown>): string {
  return [...kinds.keys()].sort().join(',');
}

const read = new Map<string, unknown>();

function readCache(name: string): unknown {
  if (!read.has(name)) {
    const file = new URL(`./${name}`, import.meta.url);
    let content: unknown = null;
    try {
      if (existsSync(file)) content = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      content = null;
    }
    read.set(name, content);
  }
  return read.get(name);
}

export const dictionaryCache = (): DictionaryCache | null => readCache(CACHE_FILES.dictionary) as DictionaryCache | null;
export const standardsCache = (): StandardsCache | null => readCache(CACHE_FILES.standards) as StandardsCache | null;

/** A cached standard placed at `file`, where it is read now (the build may have read it elsewhere). */
export function placedAt(standard: Standard, file: string): Standard {
  const move = (problem: Problem): Problem => (problem.location ? { ...problem, location: { ...problem.location, file } } : problem);
  return {
    ...standard,
    file,
    rules: standard.rules.map((rule) => (rule.position ? { ...rule, position: { ...rule.position, file } } : rule)),
    ...(standard.warnings ? { warnings: standard.warnings.map(move) } : {}),
  };
}
