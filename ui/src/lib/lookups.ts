// Where the name fields find their offers: households and donors are searched by the core
// (without diacritics, over the whole book); the short lists — hamlets, drivers, vehicles,
// destinations — are fetched whole and matched here.

import * as api from './api';
import { t, type MessageKey } from './i18n';
import { filter } from './session.svelte';
import { fold, matchesName } from './text';
import type { Suggestion } from '../components/Suggest.svelte';
import type { Named } from './bindings/Named';
import type { Household } from './bindings/Household';

// why: the short lists are read once per change of the books, so that what a clerk types is
// matched against them at once, before the next key arrives, and never against a late reply.
const kept = new Map<string, { version: number; list: Promise<unknown> }>();

/** The short list `key`, read again only after the books changed (or when reading failed). */
function cached<T>(key: string, read: () => Promise<T>): Promise<T> {
  const hit = kept.get(key);
  if (hit && hit.version === filter.version) return hit.list as Promise<T>;
  const list = read();
  kept.set(key, { version: filter.version, list });
  list.catch(() => kept.delete(key));
  return list;
}

function rank(list: Suggestion[], query: string): Suggestion[] {
  const q = fold(query);
  return list
    .filter((s) => matchesName(s.value, query))
    .sort((a, b) => Number(fold(b.value).startsWith(q)) - Number(fold(a.value).startsWith(q)));
}

/**
 * "ấp Phú Hiệp" — unless the name already says what it is ("Ấp Phú Hiệp", "Khóm 3"), as many
 * hamlet lists write it.
 */
export function hamletLabel(name: string): string {
  return /^(ap|khom|to|thon|xom|buon|soc|phum)\b/.test(fold(name)) ? name : t('rows.hamlet', { name });
}

/** The label of a household's standing in a year. */
export function statusLabel(status: Household['status']): string {
  return status ? t(`household.${status}` as MessageKey) : '';
}

/** What the core reads in brackets as "this name's household without a hamlet" (people.rs). */
export const NO_HAMLET = 'chưa có ấp';

/**
 * Offers of households of a commune, with their hamlet and standing in `year`. Where a name
 * repeats, the offer is "Name (hamlet)" — "Name (chưa có ấp)" for one without — which the core
 * reads as that hamlet's household. Names as typed come first, so the 8 shown keep them.
 */
export function households(communeId: () => number | null, year: () => number) {
  return async (query: string): Promise<Suggestion[]> => {
    const commune_id = communeId();
    if (commune_id === null) return [];
    // why: an offer picked earlier ("Nguyễn Văn Tư (Ấp Phú Lợi)") is searched by its name, so
    // the field still finds it; a name that itself has brackets is found by its first words.
    const words = query.split('(')[0].trim();
    const found = await api.listHouseholds({ commune_id, year: year(), search: words === '' ? null : words });
    const count = new Map<string, number>();
    for (const h of found) count.set(h.name, (count.get(h.name) ?? 0) + 1);
    const q = fold(words);
    const closeness = (name: string) => (fold(name) === q ? 0 : fold(name).startsWith(q) ? 1 : 2);
    return found
      .map((h) => {
        const apart = (count.get(h.name) ?? 0) > 1;
        return {
          value: apart ? `${h.name} (${h.hamlet ?? NO_HAMLET})` : h.name,
          name: h.name,
          detail: [h.hamlet && !apart ? hamletLabel(h.hamlet) : '', statusLabel(h.status)]
            .filter(Boolean)
            .join(' · '),
        };
      })
      .sort((a, b) => closeness(a.name) - closeness(b.name));
  };
}

/** Offers of the hamlets of a commune. */
export function hamlets(communeId: () => number | null) {
  return async (query: string): Promise<Suggestion[]> => {
    const commune_id = communeId();
    if (commune_id === null) return [];
    const found = await cached(`hamlets.${commune_id}`, () => api.listHamlets({ commune_id }));
    return rank(
      found.map((h) => ({ value: h.name })),
      query,
    );
  };
}

function named(list: Named[], detail: (n: Named) => string = (n) => n.detail): Suggestion[] {
  return list.map((n) => ({ value: n.name, detail: detail(n) || undefined }));
}

/** Offers of donors and other counterparties. */
export async function parties(query: string): Promise<Suggestion[]> {
  const found = await api.listParties({ search: query.trim() === '' ? null : query.trim() });
  return named(found, (n) => partyKind(n.detail));
}

function partyKind(detail: string): string {
  const key = `party.${detail}`;
  return ['person', 'organisation', 'anonymous'].includes(detail) ? t(key as MessageKey) : detail;
}

export async function drivers(query: string): Promise<Suggestion[]> {
  return rank(named(await cached('drivers', api.listDrivers)), query);
}

export async function vehicles(query: string): Promise<Suggestion[]> {
  return rank(named(await cached('vehicles', api.listVehicles)), query);
}

/** Offers of destinations, with their default distance ("17 km"); `extra` is that distance as
 * the clerk would type it ("72,5": the core already writes it the Vietnamese way). */
export async function destinations(query: string): Promise<Suggestion[]> {
  const found = await cached('destinations', api.listDestinations);
  return rank(
    found.map((n) => ({ value: n.name, detail: n.detail ? `${n.detail} km` : undefined, extra: n.detail || undefined })),
    query,
  );
}
