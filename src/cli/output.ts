// Reports are complete or absent: each goes to a temporary file in the target's folder and is renamed
// into place only when the run finished. Piped stdout is spooled the same way and copied at the end,
// so a run that fails half-way never leaves half a JSON document behind.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DabiaoError } from '../errors.js';
import type { Sink } from '../report/sink.js';
import type { OutputStream } from './io.js';

export interface Output extends Sink {
  writeBytes(bytes: Uint8Array): Promise<void>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

class TempFileOutput implements Output {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(
    readonly temp: string,
    private readonly finish: (temp: string) => Promise<void>,
  ) {
    this.stream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  write(text: string): Promise<void> {
    return this.writeChunk(text);
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

  private async close(): Promise<void> {
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
      await rm(this.temp, { force: true });
    }
  }

  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.temp, { force: true });
  }
}

function outputError(error: Error): DabiaoError {
  return new DabiaoError({ code: 'output-failed', params: { detail: (error as { code?: string }).code ?? error.message } });
}

function tempName(folder: string, name: string): string {
  return join(folder, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
    for await (const chunk of createReadStream(temp, { encoding: 'utf8' })) await stdout.write(chunk as string);
  });
}
