// Entry point used by bin/dabiao.js.
import { processIo } from './io.js';
import { installOutputCleanup } from './output.js';
import { run } from './run.js';

export function main(argv: readonly string[]): Promise<number> {
  installOutputCleanup();
  return run(argv, processIo());
}
