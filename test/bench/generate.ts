// Deterministic synthetic surveys for the benchmark: every canonical field the bundled standards read,
// values mostly compliant (as real acceptance data is), a few percent empty cells.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { checkKinds } from '../../src/engine/checks/index.js';
import { collectHints, groupFillers, type FieldHints } from '../../src/cli/field-hints.js';
import type { Dictionary, FieldDef, Standard } from '../../src/model.js';
import { loadDictionary, loadStandards } from '../../src/standards/load.js';

/** mulberry32: small, fast and the same on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FieldPlan extends FieldHints {
  field: FieldDef;
  /** Entries that fill the category checklists: 第1站, 第2站 … */
  suffixes: string[];
}

export function surveyColumns(dictionary: Dictionary, standards: Standard[]): FieldPlan[] {
  const hints = collectHints(standards, { schedules: true });
  return [...dictionary.fields.values()].map((field) => {
    const hint = hints.get(field.id) ?? { mins: [], maxes: [], items: new Set<string>(), groups: [], expectFalse: false, countMax: undefined, scope: new Map() };
    return { ...hint, field, suffixes: groupFillers(hint, (i, suffix) => `第${i}${suffix}`) };
  });
}

const LEVELS = ['village', 'village', 'village', 'village', 'village', 'village', 'village', 'township', 'township', 'county'];

export function cell(plan: FieldPlan, n: number, rand: () => number): string {
  const { field } = plan;
  if (field.id === 'id') return `C${String(n).padStart(7, '0')}`;
  if (field.id === 'name') return `社区${n}`;
  if (field.id === 'region') return `镇${(n % 20) + 1}`;
  if (field.id === 'year') return '2026';
  if (rand() < 0.02) return '';
  switch (field.type) {
    case 'enum': {
      if (field.id === 'level') return LEVELS[Math.floor(rand() * LEVELS.length)] as string;
      const values = Object.keys(field.values ?? {});
      return values[Math.floor(rand() * values.length)] ?? '';
    }
    case 'boolean':
      return (rand() < 0.97) !== plan.expectFalse ? '是' : '否';
    case 'list': {
      // Mostly complete lists; one in ten misses an item.
      let items = [...plan.items, ...plan.suffixes];
      if (plan.countMax !== undefined) items = items.slice(0, plan.countMax);
      if (items.length > 0 && rand() < 0.1) items.splice(Math.floor(rand() * items.length), 1);
      return items.join('、') || '无';
    }
    case 'integer':
    case 'number': {
      if (field.id === 'households') return String(500 + Math.floor(rand() * 2500));
      if (field.id === 'population') return String(1500 + Math.floor(rand() * 8000));
      const low = plan.mins.length > 0 ? Math.max(...plan.mins) : 0;
      const high = plan.maxes.length > 0 ? Math.min(...plan.maxes) : undefined;
      let value = high !== undefined && plan.mins.length === 0 ? high * (0.5 + rand() * 0.55) : Math.max(low, 1) * (0.95 + rand() * 1.2);
      if (field.unit === 'percent') value = Math.min(100, value);
      if (field.id === 'service_center_area_m2') value = 300 + rand() * 3500;
      return field.type === 'integer' ? String(Math.round(value)) : value.toFixed(1);
    }
    default:
      return `值${n % 97}`;
  }
}

export async function generateSurvey(path: string, records: number, seed = 20261122): Promise<number> {
  const dictionary = loadDictionary();
  const standards = loadStandards([], { dictionary, kinds: checkKinds });
  const columns = surveyColumns(dictionary, standards);
  const rand = random(seed);
  const out = createWriteStream(path);
  const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  let chunk = `${columns.map((c) => c.field.id).join(',')}\n`;
  for (let n = 1; n <= records; n++) {
    chunk += `${columns.map((c) => quote(cell(c, n, rand))).join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return columns.length;
}
