// The parts that describe a workbook, each parsed from its XML as it streams: the sheets in workbook
// order (workbook.xml), where each part lies (the rels), which cell styles show dates (styles.xml)
// and the shared string table (sharedStrings.xml).
import { posix } from 'node:path';
import { isDateFormat } from './dates.js';
import type { XmlHandler } from './xml.js';

export interface SheetRef {
  name: string;
  /** Relationship id of the sheet's part, in the workbook's rels. */
  rid: string;
}

export class WorkbookPart implements XmlHandler {
  readonly sheets: SheetRef[] = [];
  date1904 = false;

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (name === 'workbookPr') this.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    if (name !== 'sheet') return;
    // The relationship attribute is r:id in every writer seen, but its prefix is the writer's choice.
    const rid = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1];
    if (attributes.name !== undefined && rid !== undefined) this.sheets.push({ name: attributes.name, rid });
  }

  close(): void {}
  text(): void {}
}

export interface Relationship {
  type: string;
  /** The target's part name in the zip. */
  target: string;
}

/** The rels of a part: relationship id -> type and target, targets resolved against the part's folder. */
export class RelsPart implements XmlHandler {
  readonly byId = new Map<string, Relationship>();

  constructor(private readonly source: string) {}

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    const { Id: id, Type: type, Target: target } = attributes;
    if (name !== 'Relationship' || id === undefined || target === undefined || attributes.TargetMode === 'External') return;
    this.byId.set(id, { type: type ?? '', target: resolveTarget(this.source, target) });
  }

  close(): void {}
  text(): void {}

  /** The first target of a relationship type, by the type's last segment (`.../sharedStrings`). */
  targetOf(kind: string): string | undefined {
    for (const relationship of this.byId.values()) if (relationship.type.endsWith(`/${kind}`)) return relationship.target;
    return undefined;
  }
}

export function resolveTarget(source: string, target: string): string {
  const path = target.startsWith('/') ? target : posix.join(posix.dirname(source), target);
  return posix.normalize(path).replace(/^\/+/, '');
}

/** The rels part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels. */
export function relsOf(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** [Content_Types].xml, for a workbook whose main part is not at xl/workbook.xml. */
export class ContentTypesPart implements XmlHandler {
  workbook: string | undefined;

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    const type = attributes.ContentType ?? '';
    if (name === 'Override' && this.workbook === undefined && /(sheet|template)\.main(\+xml)?$/i.test(type) && attributes.PartName) {
      this.workbook = attributes.PartName.replace(/^\/+/, '');
    }
  }

  close(): void {}
  text(): void {}
}

/** Which cell styles (cellXfs indices, the `s` of a cell) show numbers as dates. */
export class StylesPart implements XmlHandler {
  private readonly formats = new Map<number, string>();
  private readonly xfFormats: number[] = [];
  private inCellXfs = false;

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    if (name === 'numFmt' && attributes.numFmtId !== undefined) this.formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
    else if (name === 'cellXfs') this.inCellXfs = true;
    else if (name === 'xf' && this.inCellXfs) this.xfFormats.push(Number(attributes.numFmtId ?? 0));
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inCellXfs = false;
  }

  text(): void {}

  /** Style index -> shows a date; computed once the part is read (numFmts may follow cellXfs). */
  dateStyles(): ReadonlySet<number> {
    const dates = new Set<number>();
    this.xfFormats.forEach((id, style) => {
      if (isDateFormat(id, this.formats.get(id))) dates.add(style);
    });
    return dates;
  }
}

/** Excel's escapes for characters XML cannot carry: _x000D_ is a carriage return, _x005F_ a `_`. */
export function unescapeText(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

export interface SharedStringBounds {
  count: number;
  chars: number;
  onCount: () => Error;
  onChars: () => Error;
}

/** The shared string table: each <si>'s text, rich text runs joined, phonetic guides (<rPh>) left out. */
export class SharedStringsPart implements XmlHandler {
  readonly strings: string[] = [];
  private chars = 0;
  private item: string[] | undefined;
  private inText = false;
  private phonetic = 0;

  constructor(private readonly bounds: SharedStringBounds) {}

  open(name: string): void {
    if (name === 'si') {
      if (this.strings.length >= this.bounds.count) throw this.bounds.onCount();
      this.item = [];
    } else if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.item && this.phonetic === 0) this.inText = true;
  }

  close(name: string): void {
    if (name === 'si' && this.item) {
      this.strings.push(unescapeText(this.item.join('')));
      this.item = undefined;
    } else if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inText = false;
  }

  text(text: string): void {
    if (!this.inText || !this.item) return;
    this.chars += text.length;
    if (this.chars > this.bounds.chars) throw this.bounds.onChars();
    this.item.push(text);
  }
}
