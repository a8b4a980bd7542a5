import { describe, expect, it } from 'vitest';
import { fold, matchesName } from '../lib/text';
import { addMonths, dateInMonth, defaultDateFor } from '../lib/dates';

describe('names without diacritics', () => {
  it('folds Vietnamese letters, đ included', () => {
    expect(fold('Vĩnh Trường')).toBe('vinh truong');
    expect(fold('Đặng Thị Ánh')).toBe('dang thi anh');
    expect(fold('Nguyễn  Văn   A'.normalize('NFD'))).toBe('nguyen van a');
  });

  it('finds a name typed without diacritics', () => {
    expect(matchesName('Vĩnh Trường', 'vinh truong')).toBe(true);
    expect(matchesName('Nguyễn Văn Ánh', 'van anh')).toBe(true);
    expect(matchesName('Nguyễn Văn Ánh', 'van binh')).toBe(false);
  });
});

describe('months', () => {
  it('moves across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-05', -12)).toBe('2025-05');
  });

  it('places a fresh date in the filtered month', () => {
    const now = new Date(2026, 1, 10);
    expect(defaultDateFor('2026-02', now)).toBe('10/02/2026');
    expect(defaultDateFor('2026-01', now)).toBe('31/01/2026');
    expect(defaultDateFor('2026-03', now)).toBe('01/03/2026');
    expect(dateInMonth('15/02/2026', '2026-02')).toBe(true);
    expect(dateInMonth('15/03/2026', '2026-02')).toBe(false);
  });
});

describe('hamlet names', () => {
  it('say "ấp" once, whether or not the list already writes it', async () => {
    const { hamletLabel } = await import('../lib/lookups');
    expect(hamletLabel('Phú Hiệp')).toBe('ấp Phú Hiệp');
    expect(hamletLabel('Ấp Phú Hiệp')).toBe('Ấp Phú Hiệp');
    expect(hamletLabel('Khóm 3')).toBe('Khóm 3');
    expect(hamletLabel('Apple')).toBe('ấp Apple');
  });
});
