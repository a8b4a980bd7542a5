// The window's shared state: which book is open, its communes, the commune and month every screen
// filters by, whether that month is closed, and the remembered values of the entry forms.
// Screens read it; writes go through the functions here so the memory stays in one place.

import { recall, keep } from './remember';
import { thisMonth, parseMonth, defaultDateFor, dateInMonth } from './dates';
import * as api from './api';
import type { AppInfo } from './bindings/AppInfo';
import type { Commune } from './bindings/Commune';
import { errorText } from './errors';

export type Screen = 'overview' | 'rice' | 'transport' | 'repair' | 'cash' | 'reports' | 'catalog' | 'settings' | 'import';

export const SCREENS: Screen[] = ['overview', 'rice', 'transport', 'repair', 'cash', 'reports', 'catalog', 'settings', 'import'];

function initialMonth(): string {
  const m = recall('month');
  return m && parseMonth(m) ? m : thisMonth();
}

function initialCommune(): number | null {
  const id = Number(recall('commune'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

function initialScreen(): Screen {
  const s = recall('screen') as Screen | null;
  return s && SCREENS.includes(s) ? s : 'overview';
}

/** The filter every screen shares, and the lock state of its month. */
export const filter = $state({
  communeId: initialCommune(),
  month: initialMonth(),
  /** True when the filtered month of the filtered commune is closed (khóa sổ). */
  closed: false,
  /** Bumped after every write, so that lists and totals reload. */
  version: 0,
});

/** Which screen is shown. */
export const view = $state({ screen: initialScreen() });

export function show(screen: Screen): void {
  view.screen = screen;
  keep('screen', screen);
}

export function setCommune(id: number | null): void {
  filter.communeId = id;
  keep('commune', id === null ? null : String(id));
}

export function setMonth(month: string): void {
  if (!parseMonth(month)) return;
  filter.month = month;
  keep('month', month);
}

/** Which form's "Đã lưu phiếu …" is the latest word: a later save elsewhere, a void, or a
 * change of the slip's kind ends it, so that an old notice never reads as news. */
export const notices = $state({ owner: null as symbol | null });

export function claimNotice(owner: symbol | null): void {
  notices.owner = owner;
}

/** Tells every list that the books changed. */
export function changed(): void {
  filter.version += 1;
}

/** The date a fresh entry form starts with: the last date typed when it lies in the filtered
 * month, otherwise a date in that month. */
export function entryDate(): string {
  const last = recall('date');
  if (last && dateInMonth(last, filter.month)) return last;
  return defaultDateFor(filter.month);
}

/** Remembers the date of an entry just saved. */
export function rememberDate(date: string): void {
  keep('date', date.trim());
}

/** The last hamlet used in a commune's entries. */
export function lastHamlet(communeId: number | null): string {
  return communeId === null ? '' : (recall(`hamlet.${communeId}`) ?? '');
}

export function rememberHamlet(communeId: number | null, hamlet: string): void {
  if (communeId !== null) keep(`hamlet.${communeId}`, hamlet.trim());
}

/** The last value of a field of one kind of slip in a commune ("trip.driver"), or ''. Each kind
 * of slip keeps its own: a trip does not start from the hamlet of the last rice round. */
export function lastTyped(field: string, communeId: number | null): string {
  return communeId === null ? '' : (recall(`${field}.${communeId}`) ?? '');
}

export function rememberTyped(field: string, communeId: number | null, value: string): void {
  if (communeId !== null) keep(`${field}.${communeId}`, value.trim());
}

// ---- The open book ---------------------------------------------------------------------------


/** The open book: its info, its communes (current ones), and any failure to read them. */
export const book = $state({
  info: null as AppInfo | null,
  communes: [] as Commune[],
  loading: true,
  error: '',
});

/** The numeric id of a commune (ids cross the IPC as numbers). */
export function idOf(commune: { id: unknown }): number {
  return Number(commune.id);
}

/** "Xã Phú Hữu", "Thị trấn An Phú": how the core tells apart units that share a name. */
export function communeTitle(commune: Commune): string {
  const kind = { xa: 'Xã', thi_tran: 'Thị trấn', phuong: 'Phường' }[commune.kind] ?? '';
  return kind ? `${kind} ${commune.name}` : commune.name;
}

/** The commune the screens are filtered by, if any. */
export function currentCommune(): Commune | null {
  return book.communes.find((c) => idOf(c) === filter.communeId) ?? null;
}

/** The name the commands take for the filtered commune (its title), or ''. */
export function communeKey(): string {
  const c = currentCommune();
  return c ? communeTitle(c) : '';
}

/** Reads the book's info and communes; called at start and after opening another book. */
export async function loadBook(): Promise<void> {
  book.loading = true;
  book.error = '';
  try {
    book.info = await api.appInfo();
    if (book.info.book_error || book.info.first_run) {
      book.communes = [];
    } else {
      await loadCommunes();
    }
  } catch (e) {
    book.error = errorText(e);
  } finally {
    book.loading = false;
  }
}

/** Re-reads the communes and keeps the filter on one that exists. */
export async function loadCommunes(): Promise<void> {
  book.communes = await api.listCommunes();
  if (!book.communes.some((c) => idOf(c) === filter.communeId)) {
    setCommune(book.communes.length > 0 ? idOf(book.communes[0]) : null);
  }
  await refreshClosed();
}

/** Asks whether the filtered month is closed. */
export async function refreshClosed(): Promise<void> {
  if (filter.communeId === null) {
    filter.closed = false;
    return;
  }
  const asked = { commune: filter.communeId, month: filter.month };
  try {
    const closed = await api.monthClosed({ commune_id: filter.communeId, month: filter.month });
    if (asked.commune === filter.communeId && asked.month === filter.month) filter.closed = closed;
  } catch {
    filter.closed = false;
  }
}
