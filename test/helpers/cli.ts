// Run the CLI in-process with captured output, as bin/dabiao.js would run it.
import { run } from '../../src/cli/run.js';
import type { Io } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], options: { tty?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { isTTY: options.tty ?? false, write: async (text) => void (stdout += text) },
    stderr: { isTTY: false, write: async (text) => void (stderr += text) },
    env: options.env ?? {},
    now: () => new Date('2026-11-22T12:00:00+08:00'),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
