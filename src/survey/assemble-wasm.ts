// Build step (after tsc, before the bundle, see package.json): the CSV tokenizer's WebAssembly text
// (tokenize.wat) assembled into the module wasm-tokenizer.ts loads from beside it. The assembler
// (wabt) is used at build time only.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';

const SOURCE = new URL('../../src/survey/tokenize.wat', import.meta.url);
const TARGET = new URL('./tokenize.wasm', import.meta.url);

const assembler = await wabt();
try {
  const parsed = assembler.parseWat(fileURLToPath(SOURCE), readFileSync(SOURCE, 'utf8'), { simd: true, mutable_globals: true });
  try {
    parsed.validate();
    writeFileSync(TARGET, parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
} catch (error) {
  // The assembler's own message names the line; its stack would print the whole minified assembler.
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
