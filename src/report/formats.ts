// The registry of report formats. Adding a format = adding a file in this folder and one entry here.
import type { ReportFormat } from './format.js';
import { jsonFormat } from './json.js';
import { tableFormat } from './table.js';

export const REPORT_FORMATS = { table: tableFormat, json: jsonFormat } as const satisfies Record<string, ReportFormat>;

export type ReportFormatName = keyof typeof REPORT_FORMATS;

export function isReportFormat(name: string): name is ReportFormatName {
  return Object.hasOwn(REPORT_FORMATS, name);
}
