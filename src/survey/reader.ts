// The contract of one input format: bytes in, rows of (key, value) entries out, each with its line.
export interface RawRow {
  /** 1-based line where the row starts (the CSV header is line 1). */
  line: number;
  entries: readonly (readonly [string, unknown])[];
}

export interface SurveyReader {
  format: string;
  extensions: readonly string[];
  read(bytes: AsyncIterable<Uint8Array>, file: string): AsyncIterable<RawRow>;
}
