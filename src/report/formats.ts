// The registry of report formats. Adding a format = adding a file in this folder and one entry here.
import type { ReportFormat } from './format.js';
import { jsonFormat } from './json.js';
import { tableFormat } from './table.js';
import { csvFormat } from './csv.js';
import { markdownFormat } from './markdown.js';
import { sarifFormat } from './sarif.js';
import { junitFormat } from './junit.js';
import { githubFormat } from './github.js';
import { htmlFormat } from './html.js';
import { matrixFormat } from './matrix.js';

// Matrix before CSV: report.matrix.csv names the matrix, report.csv the CSV report.
export const REPORT_FORMATS = {
  matrix: matrixFormat,
  table: tableFormat,
  json: jsonFormat,
  html: htmlFormat,
  markdown: markdownFormat,
  csv: csvFormat,
  sarif: sarifFormat,
  junit: junitFormat,
  github: githubFormat,
} as const satisfies Record<string, ReportFormat>;

export type ReportFormatName = keyof typeof REPORT_FORMATS;

export function isReportFormat(name: string): name is ReportFormatName {
  return Object.hasOwn(REPORT_FORMATS, name);
}

/** The format a report file's extension implies (report.sarif -> sarif), if any. */
export function formatForFile(file: string): ReportFormatName | undefined {
  const lower = file.toLowerCase();
  return (Object.keys(REPORT_FORMATS) as ReportFormatName[]).find((name) => REPORT_FORMATS[name].extensions.some((ext) => lower.endsWith(ext)));
}
