// Comfort checks of what a clerk typed, before the entry is sent. They mirror the core's rules
// (src/money.rs, src/date.rs) so that most slips are corrected next to the field without a round
// trip; the core still parses the same typed text and has the last word. Nothing here rewrites an
// amount: the string sent is the string typed.

import type { MessageKey } from './i18n';

export type Unit = 'vnd' | 'kg' | 'km';

interface UnitRule {
  places: number;
  max: number;
  suffixes: string[];
}

const UNITS: Record<Unit, UnitRule> = {
  vnd: { places: 0, max: 100_000_000_000, suffixes: ['đồng', 'dong', 'vnđ', 'vnd', 'đ', 'd'] },
  kg: { places: 3, max: 100_000, suffixes: ['kg', 'ký', 'ki', 'kí'] },
  km: { places: 3, max: 5_000, suffixes: ['km'] },
};

/** A refusal: an error code shared with the core, and the hint to show. */
export interface Refusal {
  ok: false;
  code: 'invalid_number' | 'not_positive' | 'too_large' | 'empty_text' | 'invalid_date';
  hint?: MessageKey;
  params?: Record<string, string | number>;
}

/** An accepted amount: its plain decimal value ("1500000", "12.5"), for previews only. */
export interface Amount {
  ok: true;
  value: string;
}

function refuse(
  code: Refusal['code'],
  hint?: MessageKey,
  params?: Record<string, string | number>,
): Refusal {
  return { ok: false, code, hint, params };
}

function validGrouping(groups: string[]): boolean {
  const [first, ...rest] = groups;
  return first.length >= 1 && first.length <= 3 && rest.every((g) => g.length === 3);
}

/** Reads an amount by the Vietnamese rule: "1.500.000", "1500000", "12,5", "1 500 000 đ". */
export function parseAmount(input: string, unit: Unit): Amount | Refusal {
  const rule = UNITS[unit];
  let text = input.normalize('NFC').trim().toLowerCase();
  for (const suffix of rule.suffixes) {
    if (text.endsWith(suffix)) {
      text = text.slice(0, -suffix.length).trimEnd();
      break;
    }
  }
  if (text === '') return refuse('empty_text');
  if (text.startsWith('-') && /\d/.test(text)) return refuse('not_positive');
  text = text.replace(/[ \u00a0]/g, '.');
  if (!/^[\d.,]+$/.test(text)) return refuse('invalid_number', 'hint.digitsOnly');
  const dots = (text.match(/\./g) ?? []).length;
  const commas = (text.match(/,/g) ?? []).length;
  const wholeOnly = rule.places === 0;
  let intGroups: string[];
  let frac = '';
  if (dots === 0 && commas === 0) {
    intGroups = [text];
  } else if (commas === 0 && dots > 1) {
    intGroups = text.split('.');
  } else if (commas === 0 && dots === 1) {
    const [a, b] = text.split('.');
    if (b.length === 3 && wholeOnly) intGroups = [a, b];
    else if (b.length === 3) return refuse('invalid_number', 'hint.ambiguousDot', { a, b });
    else if (wholeOnly) return refuse('invalid_number', 'hint.wholeDong');
    else {
      intGroups = [a];
      frac = b;
    }
  } else if (dots === 0 && commas > 1) {
    intGroups = text.split(',');
  } else if (dots === 0 && commas === 1) {
    const [a, b] = text.split(',');
    if (wholeOnly && b.length === 3) return refuse('invalid_number', 'hint.ambiguousComma', { a, b });
    if (wholeOnly) return refuse('invalid_number', 'hint.wholeDong');
    intGroups = [a];
    frac = b;
  } else {
    if (commas !== 1 || text.lastIndexOf(',') < text.lastIndexOf('.')) {
      return refuse('invalid_number', 'hint.vietnameseOrder');
    }
    if (wholeOnly) return refuse('invalid_number', 'hint.wholeDong');
    const [a, b] = text.split(',');
    intGroups = a.split('.');
    frac = b;
  }
  if (intGroups.length > 1 && !validGrouping(intGroups)) {
    return refuse('invalid_number', 'hint.groupsOfThree');
  }
  const intDigits = intGroups.join('');
  if (intDigits === '' || (frac !== '' && !/^\d+$/.test(frac))) {
    return refuse('invalid_number', 'hint.missingDigits');
  }
  if (frac.length > rule.places) {
    return refuse('invalid_number', 'hint.tooManyDecimals', { places: rule.places });
  }
  const significant = intDigits.replace(/^0+/, '');
  const fracTrim = frac.replace(/0+$/, '');
  if (significant === '' && fracTrim === '') return refuse('not_positive');
  const whole = Number(significant || '0');
  if (significant.length > 15 || whole > rule.max || (whole === rule.max && fracTrim !== '')) {
    return refuse('too_large', undefined, { max: rule.max });
  }
  return { ok: true, value: (significant || '0') + (fracTrim ? '.' + fracTrim : '') };
}

/** A solar date, as parts. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realDate(year: number, month: number, day: number): Ymd | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysIn(year, month)) return null;
  return { year, month, day };
}

/** Reads "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd", as the core does; null when not a real date. */
export function parseDate(input: string): Ymd | null {
  const text = input.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * Completes a short date a clerk typed, when leaving the field: "5/2" → "05/02/<year>",
 * "5/2/26" → "05/02/2026", "05022026" → "05/02/2026". Anything else is returned unchanged so the
 * core can say what is wrong with it. The result is shown in the field, so what is sent is what
 * the clerk sees.
 */
export function completeDate(input: string, year: number): string {
  const text = input.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (m) return showYmd(realDate(year, Number(m[2]), Number(m[1]))) ?? input;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})$/.exec(text);
  if (m) return showYmd(realDate(2000 + Number(m[3]), Number(m[2]), Number(m[1]))) ?? input;
  m = /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(text);
  if (m) return showYmd(realDate(Number(m[3]), Number(m[2]), Number(m[1]))) ?? input;
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (m) return showYmd(realDate(Number(m[3]), Number(m[2]), Number(m[1]))) ?? input;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m) return showYmd(realDate(Number(m[3]), Number(m[2]), Number(m[1]))) ?? input;
  return input;
}

/** dd/mm/yyyy of parts; null stays null. */
export function showYmd(date: Ymd | null): string | null {
  if (!date) return null;
  const dd = String(date.day).padStart(2, '0');
  const mm = String(date.month).padStart(2, '0');
  return `${dd}/${mm}/${date.year}`;
}

/** yyyy-mm-dd of parts. */
export function isoYmd(date: Ymd): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** A whole count ("12"); null when not a non-negative integer. */
export function parseCount(input: string): number | null {
  const text = input.trim().replace(/\./g, '');
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}
