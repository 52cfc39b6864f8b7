// One Ajv instance for the loader: all errors at once, strict schemas, no code from file content.
import { Ajv, type ErrorObject } from 'ajv';
import type { Problem } from '../errors.js';
import type { DataPath, YamlSource } from './yaml-source.js';
import { suggest } from './suggest.js';

// strictRequired is off: anyOf [{required: [min]}, {required: [max]}] names properties declared alongside.
export const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });

export function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describePath(path: DataPath): string {
  return path.length === 0 ? '(root)' : path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
}

/** Turn ajv errors into problems located in the YAML source; `base` prefixes nested validations. */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined, source: YamlSource, base: DataPath = []): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    // oneOf/anyOf/if produce a summary error besides the specific ones; the specific ones are enough.
    if (['if', 'anyOf', 'oneOf'].includes(error.keyword) && (errors?.length ?? 0) > 1) continue;
    const path = [...base, ...pathOf(error.instancePath)];
    let detail = error.message ?? error.keyword;
    let suggestion: string | undefined;
    let at = path;
    let onKey = false;
    if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      detail = `has unknown key "${extra}"`;
      suggestion = suggest(extra, known);
      at = [...path, extra];
      onKey = true;
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      detail = `${detail}: ${allowed.join(', ')}`;
    }
    const key = `${describePath(at)}|${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({
      code: 'schema-violation',
      params: { path: describePath(at), detail, ...(suggestion ? { suggestion } : {}) },
      location: source.locate(at, onKey),
    });
  }
  return problems;
}
