// Small standards written inline by tests: the header every one repeats, and the rule most start from.

/** A standard's YAML text: its id and titles, then its rules as YAML list items. */
export function standardYaml(id: string, zh: string, en: string, rules: string): string {
  return `id: ${id}\ntitle: {zh: ${zh}, en: ${en}}\nsource: {document: test}\nrules:\n${rules}`;
}

/** Population at least 2000, required: a rule list item. */
export const POPULATION_RULE = `  - id: population
    title: {zh: 人口不少于2000, en: population at least 2000}
    severity: required
    check: {kind: min, field: population, min: 2000}
    citation: {section: s1, quote: q1}
`;
