// The build's cache of the bundled files (read by every run of the built CLI) must hold exactly what
// reading their YAML gives. (The precompiled validators are what every CLI test runs through.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkKinds } from '../src/engine/checks/index.js';
import { placedAt } from '../src/standards/bundled-cache.js';
import { buildDictionary, parseDictionary } from '../src/standards/dictionary.js';
import { BUNDLED_DIR, DICTIONARY_FILE, loadStandardFile } from '../src/standards/load.js';
import { bundledCacheNow } from '../src/standards/precompile.js';

const cache = bundledCacheNow();
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the cache of the bundled files', () => {
  it('holds all eight bundled standards', () => {
    expect(Object.keys(cache.standards.standards).sort()).toEqual(['baokang-2012', 'jiyuan-2010', 'urban-rural-pilot', 'urumqi-xinshi', 'water-town-2013', 'xiaogan-2012', 'xishan-2008', 'yanchi-2017']);
  });

  it('gives the dictionary its YAML gives, after a round trip through JSON', () => {
    const file = join(BUNDLED_DIR, DICTIONARY_FILE);
    const fromYaml = parseDictionary(readFileSync(file, 'utf8'), file);
    const fromCache = buildDictionary(roundTrip(cache.dictionary).data, () => ({ file }));
    expect(fromCache).toEqual(fromYaml);
    expect(fromCache.fields.get('service_center_area_m2')?.unit).toBe('m2');
  });

  it('gives each standard its YAML gives, after a round trip through JSON, placed where it is read', () => {
    const dictionary = parseDictionary(readFileSync(join(BUNDLED_DIR, DICTIONARY_FILE), 'utf8'), 'dictionary.yaml');
    for (const [id, entry] of Object.entries(roundTrip(cache.standards).standards)) {
      const path = join(BUNDLED_DIR, `${id}.yaml`);
      const fromYaml = loadStandardFile(path, { dictionary, kinds: checkKinds }, id);
      expect(placedAt(entry.standard, path)).toEqual(fromYaml);
    }
  });

  it('places a cached standard, its rules and its warnings at the file read now', () => {
    const standard = cache.standards.standards['xishan-2008']!.standard;
    const moved = placedAt({ ...standard, warnings: [{ code: 'alias-item', params: {}, location: { file: '/built/xishan-2008.yaml', line: 3 } }] }, '/here/xishan-2008.yaml');
    expect(moved.file).toBe('/here/xishan-2008.yaml');
    expect(new Set(moved.rules.map((rule) => rule.position?.file))).toEqual(new Set(['/here/xishan-2008.yaml']));
    expect(moved.warnings?.[0]?.location).toEqual({ file: '/here/xishan-2008.yaml', line: 3 });
  });
});
