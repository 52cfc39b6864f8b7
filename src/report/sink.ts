// Where a report's text goes. Reports only see this interface; files and terminals are the CLI's.
export interface Sink {
  write(text: string): Promise<void> | void;
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

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    await this.target.write(chunk);
  }
}
