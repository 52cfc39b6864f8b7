// The file-system edge of the standards stage: find bundled standards, read files with a size bound,
// and hand their text to the pure parser and validator.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DabiaoError, type Problem } from '../errors.js';
import type { Dictionary, Standard } from '../model.js';
import { dictionaryCache, digestOf, standardsCache, kindNames, placedAt } from './bundled-cache.js';
import { buildDictionary, parseDictionary } from './dictionary.js';
import type { KindDefinition } from './kind-definition.js';
import { suggest } from './suggest.js';
import { validateStandard } from './validate.js';
import { MAX_YAML_BYTES, parseYaml, type YamlSource } from './yaml-source.js';

export const BUNDLED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../standards');
export const DICTIONARY_FILE = 'dictionary.yaml';

export function readTextFile(path: string, limit = MAX_YAML_BYTES): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new DabiaoError({ code: 'file-unreadable', params: { detail: 'not a regular file' }, location: { file: path } });
    size = stat.size;
  } catch (error) {
    if (error instanceof DabiaoError) throw error;
    throw new DabiaoError({ code: 'file-unreadable', params: { detail: errorCode(error) }, location: { file: path } });
  }
  if (size > limit) throw new DabiaoError({ code: 'file-too-large', params: { size, limit }, location: { file: path } });
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

function errorCode(error: unknown): string {
  return error && typeof error === 'object' && 'code' in error ? String(error.code) : String(error);
}

const BUNDLED_DICTIONARY = join(BUNDLED_DIR, DICTIONARY_FILE);
/** Dictionaries read from the bundled file, with the digest of its text: bundled standards validated
 * against exactly that text may come from the build's cache. */
const bundledDigests = new WeakMap<Dictionary, string>();

export function loadDictionary(path = BUNDLED_DICTIONARY): Dictionary {
  const text = readTextFile(path);
  if (path !== BUNDLED_DICTIONARY) return parseDictionary(text, path);
  const digest = digestOf(text);
  const cached = dictionaryCache();
  const dictionary =
    cached?.digest === digest ? buildDictionary(cached.data, () => ({ file: path })) : parseDictionary(text, path);
  bundledDigests.set(dictionary, digest);
  return dictionary;
}

/** A bundled standard as the build validated it, when its text and the dictionary's are unchanged. */
function cachedStandard(id: string, path: string, text: string, options: LoadOptions): Standard | undefined {
  const dictionaryDigest = bundledDigests.get(options.dictionary);
  const cache = standardsCache();
  if (dictionaryDigest === undefined || !cache || options.strict || cache.kinds !== kindNames(options.kinds)) return undefined;
  const entry = cache.standards[id];
  return entry?.digest === digestOf(dictionaryDigest, text) ? placedAt(entry.standard, path) : undefined;
}

export function bundledIds(dir = BUNDLED_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => extname(name) === '.yaml' && name !== DICTIONARY_FILE)
    .map((name) => basename(name, '.yaml'))
    .sort();
}

export interface LoadOptions {
  dictionary: Dictionary;
  kinds: ReadonlyMap<string, KindDefinition>;
  dir?: string;
  /** Refuse points of form too (see ValidateOptions.strict). */
  strict?: boolean;
}

function isPath(selector: string): boolean {
  return selector.includes('/') || selector.includes('\\') || /\.ya?ml$/i.test(selector);
}

/**
 * Load one standard file, and the chain of standards it extends. `chain`: the real paths of the files
 * that extend this one (a file met twice is a cycle).
 */
export function loadStandardFile(path: string, options: LoadOptions, expectedId?: string, chain: readonly string[] = []): Standard {
  const text = readTextFile(path);
  if (expectedId !== undefined && resolve(dirname(path)) === BUNDLED_DIR) {
    const cached = cachedStandard(expectedId, path, text, options);
    if (cached) return cached;
  }
  const source = parseYaml(text, path);
  const base = baseOf(source, path, options, [...chain, realpathSync(path)]);
  return validateStandard(source, { dictionary: options.dictionary, kinds: options.kinds, ...(expectedId ? { expectedId } : {}), ...(options.strict ? { strict: true } : {}), ...(base ? { base } : {}) });
}

/**
 * The standard a file extends: a bundled id, or a path relative to the file that stays inside its
 * folder (no URL, no absolute path, no `..` or link out of it: nothing outside is read). A missing
 * base and a cycle are errors at the `extends` line.
 */
function baseOf(source: YamlSource, path: string, options: LoadOptions, chain: readonly string[]): Standard | undefined {
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const value = (data as { extends?: unknown }).extends;
  if (typeof value !== 'string' || value === '') return undefined;
  const location = source.locate(['extends']);
  const refuse = (code: Problem['code'], params: Problem['params']): never => {
    throw new DabiaoError({ code, params, location });
  };
  const bundled = bundledIds();
  if (!isPath(value)) {
    if (!bundled.includes(value)) {
      const suggestion = suggest(value, bundled);
      refuse('extends-missing', { value, ...(suggestion ? { suggestion } : {}) });
    }
    return loadStandardFile(join(BUNDLED_DIR, `${value}.yaml`), { ...options, strict: false }, value, chain);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || isAbsolute(value) || value.startsWith('\\') || value.startsWith('/')) refuse('extends-outside', { value });
  const folder = dirname(resolve(path));
  const target = resolve(folder, value);
  const inside = (from: string, to: string): boolean => {
    const rel = relative(from, to);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  };
  if (!inside(folder, target)) refuse('extends-outside', { value });
  if (!existsSync(target)) refuse('extends-missing', { value });
  // A link inside the folder may still point out of it: judged by where it really is.
  const real = realpathSync(target);
  if (!inside(realpathSync(folder), real)) refuse('extends-outside', { value });
  if (chain.includes(real)) {
    const cycle = [...chain.slice(chain.indexOf(real)), real].map((file) => relative(process.cwd(), file) || file);
    refuse('extends-cycle', { cycle: cycle.join(' → ') });
  }
  return loadStandardFile(target, options, undefined, chain);
}

/** Load standards by bundled id or by path; none selected means every bundled standard. */
export function loadStandards(selectors: readonly string[], options: LoadOptions): Standard[] {
  const dir = options.dir ?? BUNDLED_DIR;
  const available = bundledIds(dir);
  const chosen = selectors.length > 0 ? selectors : available;
  const standards: Standard[] = [];
  const problems: Problem[] = [];
  for (const selector of chosen) {
    try {
      if (isPath(selector)) {
        standards.push(loadStandardFile(selector, options));
      } else if (available.includes(selector)) {
        standards.push(loadStandardFile(join(dir, `${selector}.yaml`), options, selector));
      } else {
        const suggestion = suggest(selector, available);
        problems.push({ code: 'standard-unknown', params: { id: selector, available: available.join(', '), ...(suggestion ? { suggestion } : {}) } });
      }
    } catch (error) {
      if (!(error instanceof DabiaoError)) throw error;
      problems.push(...error.problems);
    }
  }
  const seen = new Map<string, string>();
  for (const standard of standards) {
    const other = seen.get(standard.id);
    if (other !== undefined) problems.push({ code: 'standard-duplicate', params: { id: standard.id, other }, location: { file: standard.file, line: 1 } });
    seen.set(standard.id, standard.file);
  }
  if (problems.length > 0) throw new DabiaoError(problems[0] as Problem, ...problems.slice(1));
  return standards;
}
