// The lunar calendar beside every date: asked of the core (Vietnamese calendar at UTC+7, which
// can differ from the Chinese one) and kept in a small cache, since a clerk types the same few
// dates over and over.

import * as api from './api';
import type { LunarInfo } from './bindings/LunarInfo';

const cache = new Map<string, Promise<LunarInfo>>();

/** The lunar date of a typed solar date (dd/mm/yyyy or yyyy-mm-dd). */
export function lunarOf(date: string): Promise<LunarInfo> {
  const key = date.trim();
  const cached = cache.get(key);
  if (cached) return cached;
  const asked = api.lunar({ date: key });
  asked.catch(() => cache.delete(key));
  if (cache.size > 500) cache.clear();
  cache.set(key, asked);
  return asked;
}

/** The solar date (dd/mm/yyyy) of rằm — the 15th — of a lunar month. */
export function ramOf(year: number, month: number, leap = false): Promise<string> {
  return api.ram({ year, month, leap });
}
