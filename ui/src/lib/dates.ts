// Calendar helpers of the window: months as "yyyy-mm" (the form the core reads), today's date in
// the office's local calendar, and moving between months.

import { parseDate, showYmd, type Ymd } from './parse';

/** Today in the computer's local calendar (the office's day). */
export function todayYmd(now: Date = new Date()): Ymd {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** "yyyy-mm" of parts. */
export function monthOf(date: Ymd): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}`;
}

/** This month as "yyyy-mm". */
export function thisMonth(now: Date = new Date()): string {
  return monthOf(todayYmd(now));
}

/** Parts of a "yyyy-mm" month; null when malformed. */
export function parseMonth(month: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const mm = Number(m[2]);
  return mm >= 1 && mm <= 12 ? { year: Number(m[1]), month: mm } : null;
}

/** The month `delta` months after `month` ("2026-01", -1 → "2025-12"). */
export function addMonths(month: string, delta: number): string {
  const p = parseMonth(month) ?? parseMonth(thisMonth())!;
  const index = p.year * 12 + (p.month - 1) + delta;
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** True when the typed date (dd/mm/yyyy or yyyy-mm-dd) lies in the month. */
export function dateInMonth(typed: string, month: string): boolean {
  const d = parseDate(typed);
  return d !== null && monthOf(d) === month;
}

/**
 * A sensible date for a fresh form in `month`: today when today is in it, otherwise the last day
 * of that month for past months and the first day for future ones.
 */
export function defaultDateFor(month: string, now: Date = new Date()): string {
  const today = todayYmd(now);
  if (monthOf(today) === month) return showYmd(today)!;
  const p = parseMonth(month);
  if (!p) return showYmd(today)!;
  const past = month < monthOf(today);
  const day = past ? new Date(Date.UTC(p.year, p.month, 0)).getUTCDate() : 1;
  return showYmd({ year: p.year, month: p.month, day })!;
}
