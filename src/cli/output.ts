// Reports are complete or absent, and never destroy what they are written over: an output path must be
// a new file in an existing folder or an existing regular file that is none of the run's inputs (the
// survey, a standard, a mapping file). Each report goes to a temporary file beside its target, renamed
// into place only when the run finished; temporary files are removed on every way out, Ctrl-C and
// SIGTERM included. Piped stdout is spooled the same way, so a failed run never leaves half a document.
import { createReadStream, createWriteStream, rmSync, statSync, type Stats, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DabiaoError } from '../errors.js';
import type { Appendix, Sink } from '../report/sink.js';
import type { OutputStream } from './io.js';

export interface Output extends Sink {
  writeBytes(bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Temporary files not yet renamed or removed: what a signal must clean up. */
const pending = new Set<string>();

function removePending(): void {
  for (const temp of pending) rmSync(temp, { force: true });
  pending.clear();
}

let cleanupInstalled = false;

/** On SIGINT, SIGTERM or SIGHUP, remove the temporary files and exit as the signal would (128 + n). */
export function installOutputCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', removePending);
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => {
      removePending();
      process.exit(128 + number);
    });
  }
}

class TempFileOutput implements Output {
  private readonly stream: WriteStream;
  private failure: Error | undefined;
  private readonly sides: TempFileOutput[] = [];

  constructor(
    readonly temp: string,
    private readonly finish: (temp: string) => Promise<void>,
  ) {
    pending.add(temp);
    this.stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  write(text: string): Promise<void> {
    return this.writeChunk(text);
  }

  /** A temporary file beside this one, poured in when the report asks (JSON's records after its results). */
  appendix(): Appendix {
    const side = new TempFileOutput(`${this.temp}.appendix`, async () => undefined);
    this.sides.push(side);
    return {
      write: (text) => (typeof text === 'string' ? side.write(text) : side.writeBytes(text)),
      pourInto: async (sink) => {
        await side.close();
        try {
          for await (const chunk of createReadStream(side.temp, { encoding: 'utf8', highWaterMark: 1 << 20 })) await sink.write(chunk as string);
        } finally {
          side.forget();
        }
      },
    };
  }

  writeBytes(bytes: Uint8Array): Promise<void> {
    return this.writeChunk(bytes);
  }

  private async writeChunk(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw outputError(this.failure);
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error): void => reject(outputError(error));
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
        this.stream.once('error', onError);
      });
    }
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(outputError(error)) : resolve()));
    });
    if (this.failure) throw outputError(this.failure);
  }

  async commit(): Promise<void> {
    try {
      await this.close();
      await this.finish(this.temp);
    } finally {
      this.forget();
    }
  }

  async discard(): Promise<void> {
    for (const side of this.sides) await side.discard();
    await this.close().catch(() => undefined);
    this.forget();
  }

  forget(): void {
    rmSync(this.temp, { force: true });
    pending.delete(this.temp);
  }
}

function outputError(error: Error): DabiaoError {
  return new DabiaoError({ code: 'output-failed', params: { detail: (error as { code?: string }).code ?? error.message } });
}

function tempName(folder: string, name: string): string {
  return join(folder, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The same file, however it is named (a relative path, a symlink, a hard link). */
function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/**
 * Refuse an output path that would destroy something: one of the run's input files, a folder, a device or
 * pipe, a path in a folder that does not exist, or the same path as another report of this run.
 */
export function checkOutputPath(path: string, inputs: readonly string[], others: readonly string[] = []): void {
  const refuse = (reason: 'input' | 'not-file' | 'folder' | 'no-folder' | 'twice'): never => {
    throw new DabiaoError({ code: 'output-refused', params: { reason }, location: { file: path } });
  };
  const target = statOf(path);
  if (target) {
    if (target.isDirectory()) refuse('folder');
    if (!target.isFile()) refuse('not-file');
    for (const input of inputs) {
      const stats = statOf(input);
      if (stats && sameFile(stats, target)) refuse('input');
    }
  } else if (!statOf(dirname(resolve(path)))?.isDirectory()) {
    refuse('no-folder');
  }
  if (others.some((other) => resolve(other) === resolve(path) || (target && statOf(other) && sameFile(statOf(other) as Stats, target)))) refuse('twice');
}

export function fileOutput(path: string): Output {
  try {
    return new TempFileOutput(tempName(dirname(path), basename(path)), (temp) => rename(temp, path));
  } catch (error) {
    throw outputError(error as Error);
  }
}

/** A terminal gets output as it comes; anything else gets it whole, at the end. */
export function stdoutOutput(stdout: OutputStream): Output {
  if (stdout.isTTY) {
    return {
      write: (text) => stdout.write(text),
      writeBytes: (bytes) => stdout.write(new TextDecoder().decode(bytes)),
      commit: async () => undefined,
      discard: async () => undefined,
    };
  }
  return new TempFileOutput(tempName(tmpdir(), 'dabiao-stdout'), async (temp) => {
    // The finished report copied as it is, in large pieces: a 100 MB matrix is not decoded and encoded again.
    if (stdout.writeBytes) {
      for await (const chunk of createReadStream(temp, { highWaterMark: 1 << 20 })) await stdout.writeBytes(chunk as Buffer);
      return;
    }
    for await (const chunk of createReadStream(temp, { encoding: 'utf8', highWaterMark: 1 << 20 })) await stdout.write(chunk as string);
  });
}
