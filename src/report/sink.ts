// Where a report's text goes. Reports only see this interface; files and terminals are the CLI's.
export interface Sink {
  write(text: string): Promise<void> | void;
  /** UTF-8 bytes written as they are (a worker's rendered report text). Once it returns (or its promise
   * resolves) the bytes are written or copied: the caller may fill their buffer again. */
  writeBytes?(bytes: Uint8Array): Promise<void> | void;
  /** A second place to write to, poured in after what is written here (JSON's `records` after its
   * `results`): a file beside the report, so memory does not grow with the survey. */
  appendix?(): Appendix;
}

export interface Appendix {
  /** Bytes are written or copied once it returns (or its promise resolves), as with `writeBytes`. */
  write(text: string | Uint8Array): Promise<void> | void;
  /** Everything written to the appendix, written to `sink`; the appendix is gone after. */
  pourInto(sink: Sink): Promise<void>;
}

/** An appendix held in memory, for sinks without their own (tests, terminals). */
export class MemoryAppendix implements Appendix {
  private texts: string[] = [];
  write(text: string | Uint8Array): void {
    this.texts.push(typeof text === 'string' ? text : new TextDecoder().decode(text));
  }
  async pourInto(sink: Sink): Promise<void> {
    for (const text of this.texts) await sink.write(text);
    this.texts = [];
  }
}

/** Collects small writes into larger chunks: millions of results, a few thousand writes. */
export class BufferedSink implements Sink {
  private buffer: string[] = [];
  private size = 0;

  constructor(
    private readonly target: Sink,
    private readonly limit = 64 * 1024,
  ) {}

  async write(text: string): Promise<void> {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= this.limit) await this.flush();
  }

  /** Bytes go to the target as they are, after the text written before them. */
  async writeBytes(bytes: Uint8Array): Promise<void> {
    await this.flush();
    if (this.target.writeBytes) await this.target.writeBytes(bytes);
    else await this.target.write(new TextDecoder().decode(bytes));
  }

  /** A rendered piece, text or bytes. */
  async writePiece(piece: string | Uint8Array): Promise<void> {
    if (typeof piece === 'string') await this.write(piece);
    else await this.writeBytes(piece);
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    await this.target.write(chunk);
  }
}
