// Nhập từ sổ cũ: what the import screen shows and lets the clerk choose, as plain functions of
// the core's preview and report (the core decides every row; nothing here judges a row).

import type { Field } from './bindings/Field';
import type { Kind } from './bindings/Kind';
import type { Mapping } from './bindings/Mapping';
import type { Preview } from './bindings/Preview';
import type { ImportReport } from './bindings/ImportReport';
import type { ImportProgress } from './bindings/ImportProgress';
import type { Convert } from './bindings/Convert';
import { hasKey, t, type MessageKey } from './i18n';
import { formatCount } from './format';

/** Every kind of sheet the core imports, in the order a new office brings them. */
export const KINDS: Kind[] = ['households', 'parties', 'drivers', 'vehicles', 'destinations', 'cash', 'rice', 'trips'];

/** The field's name in the window's language (the core's Vietnamese label as a fallback). */
export function fieldLabel(field: Field, coreLabel = ''): string {
  const key = `import.field.${field}`;
  return hasKey(key) ? t(key as MessageKey) : coreLabel || field;
}

/** The column letter of a field under `mapping`, or ''. */
export function columnOf(mapping: Mapping, field: Field): string {
  return mapping.columns[field] ?? '';
}

/** The fields by column letter, to label the preview's columns. */
export function fieldsByColumn(mapping: Mapping): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const [field, letter] of Object.entries(mapping.columns)) {
    if (letter) out[letter] = field as Field;
  }
  return out;
}

/** `mapping` with `field` read from column `letter` ('' for none). A column holds one field:
 * a field that had that column before loses it (the clerk sees it become "không có"). */
export function withColumn(mapping: Mapping, field: Field, letter: string): Mapping {
  const columns: Partial<Record<Field, string>> = {};
  for (const [f, l] of Object.entries(mapping.columns) as [Field, string | undefined][]) {
    if (f === field || !l || (letter !== '' && l === letter)) continue;
    columns[f] = l;
  }
  if (letter !== '') columns[field] = letter;
  return { ...mapping, columns };
}

/** `mapping` with its header ending on sheet row `last` (the header keeps its height). */
export function withHeaderRow(mapping: Mapping, last: number): Mapping {
  const height = Math.max(0, mapping.header_last - mapping.header_first);
  const row = Math.max(1, Math.floor(last));
  return { ...mapping, header_last: row, header_first: Math.max(1, row - height) };
}

/** The choices of a field's select: none, then each column by letter and header words. */
export function columnChoices(preview: Preview): { value: string; label: string }[] {
  return [
    { value: '', label: t('import.noColumn') },
    ...preview.columns.map((c) => ({
      value: c.letter,
      label: c.header ? `${c.letter} · ${c.header}` : t('import.columnEmpty', { letter: c.letter }),
    })),
  ];
}

/** Required fields still without a column, under the clerk's (possibly corrected) mapping. */
export function missingFields(preview: Preview, mapping: Mapping): Field[] {
  return preview.fields.filter((f) => f.required && !columnOf(mapping, f.field)).map((f) => f.field);
}

/** A cash book without a "Mô hình" column needs the program chosen. */
export function needsProgram(kind: Kind, mapping: Mapping): boolean {
  return kind === 'cash' && !columnOf(mapping, 'program');
}

/** What the clerk answered about old-font text: undecided while the preview found some. */
export function legacyUndecided(preview: Preview | null, convert: Convert): boolean {
  return !!preview?.legacy && convert.choice === 'ask';
}

/** A row of the dry run's or import's list: its sheet row and the words to show. */
export interface ListedRow {
  row: number;
  text: string;
}

/** The report's rows grouped as the clerk reads them, with the counts. */
export interface Summary {
  refused: ListedRow[];
  skipped: ListedRow[];
  duplicates: ListedRow[];
  imported: number;
  total: number;
}

const SKIP_WORDS: Record<string, MessageKey> = {
  'dòng trống': 'import.skip.blank',
  'dòng cộng, số dư hoặc chuyển sang': 'import.skip.total',
  'dòng tiêu đề lặp lại': 'import.skip.header',
};

/** A skipped row's reason in the window's language (the core's own words otherwise). */
export function skipText(reason: string): string {
  const key = SKIP_WORDS[reason];
  if (key) return t(key);
  const known = /^“(.+)” đã có trong danh mục$/.exec(reason);
  if (known) return t('import.skip.known', { name: known[1] });
  return reason;
}

/** Groups a report's rows: refused (with the reason in the window's language), skipped,
 * duplicates. */
export function summarize(report: ImportReport, english = false): Summary {
  const out: Summary = { refused: [], skipped: [], duplicates: [], imported: report.imported, total: report.rows.length };
  for (const r of report.rows) {
    const o = r.outcome;
    if (o.status === 'refused') out.refused.push({ row: r.row, text: english ? o.reason_en : o.reason });
    else if (o.status === 'skipped') out.skipped.push({ row: r.row, text: skipText(o.reason) });
    else if (o.status === 'duplicate') out.duplicates.push({ row: r.row, text: t('import.duplicate') });
  }
  return out;
}

/** What the dry run allows next: all rows (nothing refused), or only the good ones. */
export function nextSteps(report: ImportReport): { all: boolean; goodOnly: boolean } {
  return { all: report.refused === 0 && report.imported > 0, goodOnly: report.refused > 0 && report.imported > 0 };
}

/** The words after an import: what was written, or that the file was imported before. */
export function doneText(report: ImportReport): string {
  if (!report.written || report.imported === 0) {
    if (report.duplicates > 0 && report.refused === 0) return t('import.doneBefore', { count: formatCount(report.duplicates) });
    return t('import.doneNothing');
  }
  const base = t('import.done', { count: formatCount(report.imported) });
  return report.duplicates > 0 ? `${base} ${t('import.doneSomeBefore', { count: formatCount(report.duplicates) })}` : base;
}

/** The bar's share, 0 to 100. */
export function percent(p: ImportProgress | null): number {
  if (!p || p.total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((100 * p.done) / p.total)));
}

/** The file's name without its folder. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The name offered for saving a mapping: the kind and the file's name without its month or
 * year digits, so next month's sheet finds it ("Sổ quỹ — so-quy-thang"). */
export function suggestedName(kind: Kind, path: string): string {
  const stem = baseName(path).replace(/\.[^.]+$/, '').replace(/[-_ ]*\d+/g, '').trim();
  return `${t(`import.kind.${kind}` as MessageKey)}${stem ? ` — ${stem}` : ''}`;
}
