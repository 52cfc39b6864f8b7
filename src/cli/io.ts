// The CLI's only window on the process: tests pass their own, bin/ passes the real one.
export interface OutputStream {
  write(text: string): Promise<void>;
  /** UTF-8 bytes written as they are (a finished report copied to stdout), where the stream takes bytes. */
  writeBytes?(bytes: Uint8Array): Promise<void>;
  isTTY: boolean;
  /** A terminal's width in columns. */
  columns?: number;
  /** The stream's file descriptor, where it has one (the process's own stdout and stderr). */
  fd?: number;
}

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  /** The terminal stream a progress bar may draw on (stderr, when it is a terminal). */
  progress?: NodeJS.WriteStream;
  env: Readonly<Record<string, string | undefined>>;
  now(): Date;
}

export function processIo(): Io {
  const stream = (target: NodeJS.WriteStream, fd: number): OutputStream => {
    // A reader that goes away (`dabiao … | head`) is not an error: stop writing, quietly.
    let closed = false;
    target.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') closed = true;
    });
    const write = (chunk: string | Uint8Array): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        if (closed) return resolve();
        target.write(chunk, (error?: NodeJS.ErrnoException | null) => {
          if (error && error.code !== 'EPIPE') reject(error);
          else resolve();
        });
      });
    return {
      isTTY: Boolean(target.isTTY),
      ...(target.isTTY && target.columns ? { columns: target.columns } : {}),
      write,
      writeBytes: write,
      fd,
    };
  };
  return {
    stdout: stream(process.stdout, 1),
    stderr: stream(process.stderr, 2),
    ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
    env: process.env,
    now: () => new Date(),
  };
}

/** Colour only on a terminal, and never when NO_COLOR is set; FORCE_COLOR=0 turns it off too. */
export function useColor(stream: OutputStream, env: Io['env']): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY;
}
