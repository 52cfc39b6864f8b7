// Schema validators for standards and the dictionary. The build precompiles them into one module
// (precompile.ts), so a run neither loads ajv nor generates code at start-up; a schema that module does
// not hold (the sources run without a build, as the unit tests do, or a schema changed since) is
// compiled here on first use. Either way a validator is found by a digest of its schema, so a stale
// precompiled module can never validate against an old schema.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type * as AjvModule from 'ajv';

const require = createRequire(import.meta.url);

/** The module the build writes next to this one. */
export const PRECOMPILED_FILE = 'schemas.compiled.cjs';

/** All errors at once, strict schemas, no code from file content. strictRequired is off: anyOf
 * [{required: [min]}, {required: [max]}] names properties declared alongside. */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true } as const;

/** The name a schema's validator is exported under: a digest of the schema as JSON. */
export function schemaKey(schema: object): string {
  return 'v' + createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32);
}

let precompiled: Readonly<Record<string, ValidateFunction>> | null | undefined;
let ajv: Ajv | undefined;
const byKey = new Map<string, ValidateFunction>();
const bySchema = new WeakMap<object, ValidateFunction>();

function loadPrecompiled(): Readonly<Record<string, ValidateFunction>> | null {
  const file = new URL(`./${PRECOMPILED_FILE}`, import.meta.url);
  if (!existsSync(file)) return null;
  return require(file.pathname) as Record<string, ValidateFunction>;
}

/** The precompiled validators, given by the bundle that carries them inside (cli/build-bundle.ts), so
 * they are compiled from its code cache instead of loaded from their own file. */
export function usePrecompiled(validators: Readonly<Record<string, ValidateFunction>>): void {
  precompiled ??= validators;
}

/** A fresh Ajv instance with the project's options (also used by the build to precompile). */
export function newAjv(extra: Record<string, unknown> = {}): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof AjvModule;
  return new AjvClass({ ...AJV_OPTIONS, ...extra });
}

export function validatorFor(schema: object): ValidateFunction {
  const known = bySchema.get(schema);
  if (known) return known;
  const key = schemaKey(schema);
  if (precompiled === undefined) precompiled = loadPrecompiled();
  let validate = byKey.get(key) ?? precompiled?.[key];
  if (!validate) {
    ajv ??= newAjv();
    validate = ajv.compile(schema);
  }
  byKey.set(key, validate);
  bySchema.set(schema, validate);
  return validate;
}
