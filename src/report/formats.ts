// The registry of report formats: each format's name, the file extensions that pick it for `-o FILE`,
// and how to load it. A format's code is loaded only when a run writes it (start-up stays short).
// Adding a format = adding a file in this folder and one entry here.
import type { ReportFormat } from './format.js';

interface FormatEntry {
  extensions: readonly string[];
  load(): Promise<ReportFormat>;
}

// Matrix before CSV: report.matrix.csv names the matrix, report.csv the CSV report.
export const REPORT_FORMATS = {
  matrix: { extensions: ['.matrix.csv'], load: async () => (await import('./matrix.js')).matrixFormat },
  table: { extensions: ['.txt'], load: async () => (await import('./table.js')).tableFormat },
  json: { extensions: ['.json'], load: async () => (await import('./json.js')).jsonFormat },
  html: { extensions: ['.html', '.htm'], load: async () => (await import('./html.js')).htmlFormat },
  markdown: { extensions: ['.md', '.markdown'], load: async () => (await import('./markdown.js')).markdownFormat },
  csv: { extensions: ['.csv'], load: async () => (await import('./csv.js')).csvFormat },
  sarif: { extensions: ['.sarif'], load: async () => (await import('./sarif.js')).sarifFormat },
  junit: { extensions: ['.xml'], load: async () => (await import('./junit.js')).junitFormat },
  github: { extensions: [], load: async () => (await import('./github.js')).githubFormat },
} as const satisfies Record<string, FormatEntry>;

export type ReportFormatName = keyof typeof REPORT_FORMATS;

export function isReportFormat(name: string): name is ReportFormatName {
  return Object.hasOwn(REPORT_FORMATS, name);
}

/** The format a report file's extension implies (report.sarif -> sarif), if any. */
export function formatForFile(file: string): ReportFormatName | undefined {
  const lower = file.toLowerCase();
  return (Object.keys(REPORT_FORMATS) as ReportFormatName[]).find((name) => REPORT_FORMATS[name].extensions.some((ext) => lower.endsWith(ext)));
}

/** The formats named, loaded. */
export function loadFormats(names: readonly ReportFormatName[]): Promise<ReportFormat[]> {
  return Promise.all(names.map((name) => REPORT_FORMATS[name].load()));
}
