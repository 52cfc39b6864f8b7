// The built program runs from one CommonJS bundle (dist/bundle/, made by build-bundle.ts) compiled
// with the V8 code cache the build wrote beside it: every thread skips resolving some 300 modules and
// compiling the functions a run starts with. A cache is used only with the exact bundle it was made
// from (a digest of the bundle's text heads it); V8 itself refuses one made by another version or with
// other flags, and the bundle is then compiled as usual.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type * as BundleEntry from './bundle-entry.js';

/** The bundle the CLI and its worker threads run, beside this module's folder once built. */
export const BUNDLE_FILE = new URL('../bundle/main.cjs', import.meta.url);

/** What the bundle exports: bundle-entry.ts's exports (a type only; nothing of it is imported here). */
export type BundleExports = typeof BundleEntry;

/** How the cache fared: none beside the bundle, used, or refused (made from another text, or by V8). */
export type CacheState = 'none' | 'used' | 'refused';

export interface LoadedBundle<T> {
  exports: T;
  cache: CacheState;
  /** Writes the code cache of what this thread has compiled so far (the build, after a warm-up run). */
  writeCache(): void;
}

const DIGEST_BYTES = 32;

function digest(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function cacheFile(file: URL): URL {
  return new URL(`${file.href}.cache`);
}

/** Runs the CommonJS file `file` as Node would require it, compiled with its code cache if one fits. */
export function loadBundle<T = BundleExports>(file: URL = BUNDLE_FILE): LoadedBundle<T> {
  const path = fileURLToPath(file);
  const bytes = readFileSync(file);
  const sourceDigest = digest(bytes);
  const source = bytes.toString('utf8');
  let cached: Buffer | undefined;
  try {
    cached = readFileSync(cacheFile(file));
  } catch {
    cached = undefined;
  }
  const fits = cached !== undefined && cached.length > DIGEST_BYTES && sourceDigest.equals(cached.subarray(0, DIGEST_BYTES));
  // The wrapper Node puts around a CommonJS module: its exports, require, module, file and folder.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: path, ...(fits && cached ? { cachedData: cached.subarray(DIGEST_BYTES) } : {}) });
  const cache: CacheState = cached === undefined ? 'none' : !fits || script.cachedDataRejected === true ? 'refused' : 'used';
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  run(module.exports, createRequire(path), module, path, dirname(path));
  return {
    exports: module.exports,
    cache,
    writeCache: () => writeFileSync(cacheFile(file), Buffer.concat([sourceDigest, script.createCachedData()])),
  };
}
