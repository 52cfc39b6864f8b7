// Entry point used by bin/dabiao.js.
import { processIo } from './io.js';
import { run } from './run.js';

export function main(argv: readonly string[]): Promise<number> {
  return run(argv, processIo());
}
