// Schema errors (ajv's, see schema-validators.ts) turned into problems located in the YAML source.
import type { ErrorObject } from 'ajv';
import type { Problem } from '../errors.js';
import { clip, type DataPath, type YamlSource } from './yaml-source.js';
import { suggest } from './suggest.js';

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
    // The keyword and its parameters, rendered as a sentence in the user's language by the catalogue;
    // ajv's English message is kept only as a fallback for keywords the catalogue does not know.
    const params: Record<string, string | number> = { keyword: error.keyword, detail: error.message ?? error.keyword };
    let at = path;
    let onKey = false;
    const given = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'additionalProperties': {
        const extra = clip(String(given.additionalProperty));
        const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        params.key = extra;
        const suggestion = suggest(extra, known);
        if (suggestion) params.suggestion = suggestion;
        at = [...path, extra];
        onKey = true;
        break;
      }
      case 'required':
        params.property = String(given.missingProperty);
        break;
      case 'type':
        params.type = String(given.type);
        break;
      case 'enum':
        params.allowed = (given.allowedValues as unknown[]).map(String).join(', ');
        break;
      case 'const':
        params.allowed = String(given.allowedValue);
        break;
      case 'pattern':
        params.pattern = String(given.pattern);
        break;
      case 'propertyNames':
        params.key = clip(String(given.propertyName));
        break;
      default:
        if (typeof given.limit === 'number' || typeof given.limit === 'string') params.limit = given.limit;
    }
    params.path = describePath(at);
    const key = `${params.path}|${error.keyword}|${JSON.stringify(given)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ code: 'schema-violation', params, location: source.locate(at, onKey) });
  }
  return problems;
}
