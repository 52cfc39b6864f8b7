// Problems found in input files (a standard that does not lint, a survey that does not validate) as CI
// reads them: GitHub annotations and a SARIF log, each problem at its file, line and column.
import { githubData, githubProperty } from './escape.js';
import { artifactUri } from './sarif.js';

export interface CiFinding {
  file: string;
  line: number | null;
  /** Column in a text file (none for a worksheet: the cell says where). */
  col: number | null;
  code: string;
  level: 'error' | 'warning';
  message: string;
  /** In a workbook: the sheet and cell ("东港镇 B7"). */
  sheetPlace?: string;
  properties?: Record<string, unknown>;
}

/** One workflow command per finding; `tool` titles them ("dabiao lint: bad-date"). */
export function githubAnnotations(tool: string, findings: readonly CiFinding[]): string {
  return findings
    .map((f) => {
      const where = [`file=${githubProperty(f.file)}`, ...(f.line !== null ? [`line=${f.line}`] : []), ...(f.col !== null ? [`col=${f.col}`] : []), `title=${githubProperty(`${tool}: ${f.code}`)}`];
      return `::${f.level} ${where.join(',')}::${githubData(`${f.sheetPlace ? `[${f.sheetPlace}] ` : ''}${f.message}`)}\n`;
    })
    .join('');
}

/** A SARIF 2.1.0 log: a result per finding, a rule per code. */
export function sarifLog(tool: string, findings: readonly CiFinding[]): string {
  const results = findings.map((f) => ({
    ruleId: f.code,
    level: f.level,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, region: { startLine: f.line ?? 1, ...(f.col !== null ? { startColumn: f.col } : {}) } },
        ...(f.sheetPlace ? { message: { text: f.sheetPlace } } : {}),
      },
    ],
    ...(f.properties ? { properties: f.properties } : {}),
  }));
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: tool, rules: [...new Set(findings.map((f) => f.code))].map((id) => ({ id })) } }, results, columnKind: 'unicodeCodePoints' }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
