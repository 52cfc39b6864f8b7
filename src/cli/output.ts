// Reports are complete or absent, and never destroy what they are written over: an output path must be
// a new file in an existing folder or an existing regular file that is none of the run's inputs (the
// survey, a standard, a mapping file). Each report goes to a temporary file beside its target, renamed
// into place only when the run finished; temporary files are removed on every way out, Ctrl-C and
// SIGTERM included. Piped stdout is spooled the same way, so a failed run never leaves half a document;
// stdout redirected to an empty file is written in place and cut back to empty on every way out.
import { createReadStream, createWriteStream, fstatSync, ftruncateSync, rmSync, statSync, writeSync, type Stats, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DabiaoError } from '../errors.js';
import type { Appendix, Sink } from '../report/sink.js';
import type { OutputStream } from './io.js';

export interface Output extends Sink {
  /** Resolves once the bytes are written or copied: the caller may then fill their buffer again. */
  writeBytes(bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** What a run that ends early must undo: temporary files not yet renamed or removed, a stdout file
 * not yet complete. */
const pending = new Set<() => void>();

function removePending(): void {
  for (const undo of pending) undo();
  pending.clear();
}

let cleanupInstalled = false;

/** On SIGINT, SIGTERM or SIGHUP, undo the unfinished reports and exit as the signal would (128 + n). */
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
  private readonly undo = (): void => removeQuietly(this.temp);

  constructor(
    readonly temp: string,
    private readonly finish: (temp: string) => Promise<void>,
  ) {
    pending.add(this.undo);
    this.stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  write(text: string): Promise<void> {
    return this.writeChunk(text);
  }

  appendix(): Appendix {
    return tempAppendix(`${this.temp}.appendix`, this.sides);
  }

  writeBytes(bytes: Uint8Array): Promise<void> {
    return this.writeChunk(bytes);
  }

  private async writeChunk(chunk: string | Uint8Array): Promise<void> {
    if (this.failure) throw outputError(this.failure);
    if (typeof chunk !== 'string') {
      // Bytes are waited for until written: their buffer is the caller's again after (a worker renders into it).
      await new Promise<void>((resolve, reject) => {
        this.stream.write(chunk, (error) => (error ? reject(outputError(error)) : resolve()));
      });
      return;
    }
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
    this.undo();
    pending.delete(this.undo);
  }
}

/** A temporary file removed on the way out: one that could not be made (an unusable temporary folder)
 * must not hide the error that stopped the run. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Never made, or not ours to remove.
  }
}

/** A temporary file at `path`, poured into the report when it asks (JSON's records after its results). */
function tempAppendix(path: string, sides: TempFileOutput[]): Appendix {
  const side = new TempFileOutput(path, async () => undefined);
  sides.push(side);
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

/**
 * Stdout redirected to an empty regular file (`> report.csv`): the report is written straight into it,
 * and cut back to empty if the run fails or is stopped. Spooled to a temporary file and copied over at
 * the end, it was written twice (170 ms more for a 100 MB matrix) and needed as much free space again
 * in the temporary folder (3.4 GB for every standard over a million records). Writes are synchronous:
 * a signal is handled between them, so no write lands after the file is cut back.
 */
class StdoutFileOutput implements Output {
  private readonly sides: TempFileOutput[] = [];
  private readonly undo = (): void => {
    try {
      ftruncateSync(this.fd, 0);
    } catch {
      // Nothing more can be done on the way out.
    }
  };

  constructor(private readonly fd: number) {
    pending.add(this.undo);
  }

  write(text: string): Promise<void> {
    return this.writeBytes(Buffer.from(text, 'utf8'));
  }

  async writeBytes(bytes: Uint8Array): Promise<void> {
    try {
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
    } catch (error) {
      throw outputError(error as Error);
    }
  }

  appendix(): Appendix {
    return tempAppendix(`${tempName(tmpdir(), 'dabiao-stdout')}.appendix`, this.sides);
  }

  async commit(): Promise<void> {
    pending.delete(this.undo);
  }

  async discard(): Promise<void> {
    for (const side of this.sides) await side.discard();
    if (pending.delete(this.undo)) this.undo();
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

/**
 * Whether stdout is an empty regular file that stderr does not also go to. Written in place, there is
 * nothing before the report to keep. Cut back after a failure, the file's position stays where the
 * report had reached (Node cannot move it), so an error written to the same file (`> out 2>&1`) would
 * land past a run of zero bytes: such a stdout is spooled instead.
 */
function writableInPlace(stdout: OutputStream, stderr: OutputStream | undefined): boolean {
  if (stdout.fd === undefined || stdout.isTTY) return false;
  try {
    const out = fstatSync(stdout.fd);
    if (!out.isFile() || out.size !== 0) return false;
    const err = stderr?.fd === undefined ? undefined : fstatSync(stderr.fd);
    return !(err && sameFile(out, err));
  } catch {
    return false;
  }
}

/** A terminal gets output as it comes; an empty file is written in place; anything else (a pipe, a file
 * appended to) gets it whole, at the end. */
export function stdoutOutput(stdout: OutputStream, stderr?: OutputStream): Output {
  if (writableInPlace(stdout, stderr)) return new StdoutFileOutput(stdout.fd as number);
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
