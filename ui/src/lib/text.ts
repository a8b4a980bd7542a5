// Text helpers for Vietnamese names: NFC on the way in, and a diacritic-free "fold" so that a clerk
// who types "vinh truong" finds "Vĩnh Trường". The core does the real search; the UI folds only to
// rank and highlight suggestions it already holds.

/** Unicode NFC, trimmed; what the UI shows and sends back for names it chose itself. */
export function nfc(text: string): string {
  return text.normalize('NFC').trim();
}

/** Lower-case, without diacritics (đ → d), single spaces: for matching only, never for display. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when `typed` is `name` typed with fewer diacritics, as the core's text::fits: a letter
 * typed plain matches it with any marks, a letter typed with marks only itself. "nguyen van tu"
 * fits "Nguyễn Văn Tư"; "Nguyễn Văn Tứ" does not (another name).
 */
export function fits(typed: string, name: string): boolean {
  const letters = (s: string) => [...s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()];
  const t = letters(typed);
  const n = letters(name);
  return t.length === n.length && t.every((c, i) => c === n[i] || (fold(c) === c && fold(c) === fold(n[i])));
}

/** True when every word of `query` starts a word of `name`, or `query` is inside it, ignoring diacritics. */
export function matchesName(name: string, query: string): boolean {
  const q = fold(query);
  if (q === '') return true;
  const n = fold(name);
  return n.includes(q);
}
