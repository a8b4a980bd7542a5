// Every string of the window is in both dictionaries, and every key the screens ask for exists.
import { describe, expect, it } from 'vitest';
import { vi as viDict } from '../lib/i18n/vi';
import { en } from '../lib/i18n/en';
import { ERROR_CODES } from '../lib/errors';
import { fill } from '../lib/i18n';

// The window's sources as text (Vite reads them; tests and the preview mock are left out).
const sources = import.meta.glob(['../**/*.svelte', '../**/*.ts', '!../tests/**', '!../mock/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Keys written literally: t('a.b'), and quoted 'nav.…'/'hint.…' keys handed to t() later. */
function usedKeys(): { key: string; file: string }[] {
  const found: { key: string; file: string }[] = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const m of text.matchAll(/\bt\(\s*'([^'$]+)'/g)) found.push({ key: m[1], file });
    for (const m of text.matchAll(/'((?:nav|hint)\.[A-Za-z_.]+)'/g)) found.push({ key: m[1], file });
  }
  return found;
}

describe('dictionaries', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(viDict).sort());
  });

  it('have no empty text', () => {
    for (const [key, text] of [...Object.entries(viDict), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('hold every key the screens ask for', () => {
    const missing = usedKeys()
      .filter(({ key }) => !(key in viDict))
      .map(({ key, file }) => `${key} (${file})`);
    expect(missing).toEqual([]);
    expect(Object.keys(sources).length).toBeGreaterThan(20);
  });

  it('hold a message for every error code of the core', () => {
    for (const code of ERROR_CODES) expect(viDict, code).toHaveProperty(`error.${code}`);
  });

  it('hold the words of every program, category, status and kind the core sends', () => {
    const codes = [
      'program.rice', 'program.transport', 'program.repair',
      'category.donation', 'category.collection', 'category.other_in', 'category.handout',
      'category.fuel', 'category.vehicle', 'category.materials', 'category.labour', 'category.other_out',
      'status.planned', 'status.active', 'status.done',
      'work.bridge', 'work.road', 'work.culvert',
      'kind.xa', 'kind.thi_tran', 'kind.phuong',
      'household.ngheo', 'household.can_ngheo', 'household.kho_khan',
      'party.person', 'party.organisation', 'party.anonymous',
      'catalog.tab.communes', 'catalog.tab.hamlets', 'catalog.tab.households', 'catalog.tab.parties',
      'catalog.tab.drivers', 'catalog.tab.vehicles', 'catalog.tab.destinations',
    ];
    for (const key of codes) expect(viDict, key).toHaveProperty(key);
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(viDict) as (keyof typeof viDict)[]) {
      const extra = names(en[key]).filter((n) => !names(viDict[key]).includes(n));
      expect(extra, key).toEqual([]);
    }
  });

  it('fills placeholders', () => {
    expect(fill('Đã lưu phiếu {voucher}', { voucher: 'PX-2026-0012' })).toBe('Đã lưu phiếu PX-2026-0012');
    expect(fill('{a} {missing}', { a: 1 })).toBe('1 {missing}');
  });
});
