// Build step (run after tsc, see package.json): the schema validators as one precompiled module, so a
// run starts without ajv's code generation, and the bundled dictionary and standards as read and
// validated now (bundled-cache.ts), so a run does not parse their YAML again. Only the project's own
// schemas and files go in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import standalone from 'ajv/dist/standalone/index.js';
import { checkKinds } from '../engine/checks/index.js';
import { CACHE_FILES, digestOf, kindNames, type DictionaryCache, type StandardsCache } from './bundled-cache.js';
import { buildDictionary, dictionaryData } from './dictionary.js';
import { BUNDLED_DIR, bundledIds, DICTIONARY_FILE, loadStandardFile, readTextFile } from './load.js';
import { DICTIONARY_SCHEMA, STANDARD_SCHEMA } from './schema.js';
import { WAIVERS_SCHEMA } from './waivers.js';
import { newAjv, PRECOMPILED_FILE, schemaKey } from './schema-validators.js';
import { parseYaml } from './yaml-source.js';

export function precompileValidators(): string {
  const ajv = newAjv({ code: { source: true } });
  const exports: Record<string, string> = {};
  for (const schema of [STANDARD_SCHEMA, DICTIONARY_SCHEMA, WAIVERS_SCHEMA, ...[...checkKinds.values()].map((kind) => kind.schema)]) {
    const key = schemaKey(schema);
    if (key in exports) continue;
    ajv.addSchema(schema, key);
    exports[key] = key;
  }
  return standalone.default(ajv, exports);
}

/** The bundled files read from their YAML (never from an older cache) and validated as a run would. */
export function bundledCacheNow(): { dictionary: DictionaryCache; standards: StandardsCache } {
  const file = join(BUNDLED_DIR, DICTIONARY_FILE);
  const text = readTextFile(file);
  const source = parseYaml(text, file);
  const data = dictionaryData(source);
  const dictionary = buildDictionary(data, (path) => source.locate(path));
  const dictionaryDigest = digestOf(text);
  const standards: StandardsCache['standards'] = {};
  for (const id of bundledIds()) {
    const path = join(BUNDLED_DIR, `${id}.yaml`);
    // Read through the YAML path: the dictionary built here is not marked as the bundled one.
    standards[id] = { digest: digestOf(dictionaryDigest, readTextFile(path)), standard: loadStandardFile(path, { dictionary, kinds: checkKinds }, id) };
  }
  return { dictionary: { digest: dictionaryDigest, data }, standards: { kinds: kindNames(checkKinds), standards } };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL(`./${PRECOMPILED_FILE}`, import.meta.url), precompileValidators());
  const cache = bundledCacheNow();
  writeFileSync(new URL(`./${CACHE_FILES.dictionary}`, import.meta.url), JSON.stringify(cache.dictionary));
  writeFileSync(new URL(`./${CACHE_FILES.standards}`, import.meta.url), JSON.stringify(cache.standards));
}
