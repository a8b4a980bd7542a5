import { describe, expect, it } from 'vitest';
import { completeDate, parseAmount, parseCount, parseDate } from '../lib/parse';

describe('amounts typed the Vietnamese way', () => {
  it.each([
    ['1.500.000', 'vnd', '1500000'],
    ['1500000', 'vnd', '1500000'],
    ['1 500 000', 'vnd', '1500000'],
    ['1,500,000', 'vnd', '1500000'],
    ['1.500.000 đ', 'vnd', '1500000'],
    ['50.000đ', 'vnd', '50000'],
    ['12,5', 'kg', '12.5'],
    ['12.5', 'kg', '12.5'],
    ['1.250,75', 'kg', '1250.75'],
    ['10 kg', 'kg', '10'],
    ['72,5km', 'km', '72.5'],
  ] as const)('reads %s (%s) as %s', (typed, unit, value) => {
    expect(parseAmount(typed, unit)).toEqual({ ok: true, value });
  });

  it('refuses what could mean two things, with a hint', () => {
    expect(parseAmount('1.500', 'kg')).toMatchObject({ ok: false, code: 'invalid_number', hint: 'hint.ambiguousDot' });
    expect(parseAmount('1,500', 'vnd')).toMatchObject({ ok: false, code: 'invalid_number', hint: 'hint.ambiguousComma' });
    expect(parseAmount('1,500.5', 'kg')).toMatchObject({ ok: false, code: 'invalid_number' });
  });

  it('refuses decimals of đồng, bad grouping, letters', () => {
    expect(parseAmount('1,5', 'vnd')).toMatchObject({ ok: false, hint: 'hint.wholeDong' });
    expect(parseAmount('15.00.000', 'vnd')).toMatchObject({ ok: false, hint: 'hint.groupsOfThree' });
    expect(parseAmount('mười', 'vnd')).toMatchObject({ ok: false, hint: 'hint.digitsOnly' });
    expect(parseAmount('12,5678', 'kg')).toMatchObject({ ok: false, hint: 'hint.tooManyDecimals' });
  });

  it('refuses empty, zero, negative and absurd amounts', () => {
    expect(parseAmount('  ', 'vnd')).toMatchObject({ ok: false, code: 'empty_text' });
    expect(parseAmount('0', 'kg')).toMatchObject({ ok: false, code: 'not_positive' });
    expect(parseAmount('-5', 'kg')).toMatchObject({ ok: false, code: 'not_positive' });
    expect(parseAmount('100001', 'kg')).toMatchObject({ ok: false, code: 'too_large' });
    expect(parseAmount('100000', 'kg')).toEqual({ ok: true, value: '100000' });
    expect(parseAmount('100000,5', 'kg')).toMatchObject({ ok: false, code: 'too_large' });
    expect(parseAmount('5001', 'km')).toMatchObject({ ok: false, code: 'too_large' });
  });

  it('accepts text in NFD as well as NFC', () => {
    expect(parseAmount('1.500.000 đồng'.normalize('NFD'), 'vnd')).toEqual({ ok: true, value: '1500000' });
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy, d/m/yyyy and yyyy-mm-dd', () => {
    expect(parseDate('05/02/2026')).toEqual({ year: 2026, month: 2, day: 5 });
    expect(parseDate('5/2/2026')).toEqual({ year: 2026, month: 2, day: 5 });
    expect(parseDate('2026-02-05')).toEqual({ year: 2026, month: 2, day: 5 });
  });

  it('refuses days that do not exist and other forms', () => {
    expect(parseDate('30/02/2026')).toBeNull();
    expect(parseDate('29/02/2025')).toBeNull();
    expect(parseDate('29/02/2024')).not.toBeNull();
    expect(parseDate('02/05/26')).toBeNull();
    expect(parseDate('hôm nay')).toBeNull();
  });

  it('completes short dates when the clerk leaves the field', () => {
    expect(completeDate('5/2', 2026)).toBe('05/02/2026');
    expect(completeDate('5/2/26', 2026)).toBe('05/02/2026');
    expect(completeDate('05022026', 2026)).toBe('05/02/2026');
    expect(completeDate('5.2.2026', 2026)).toBe('05/02/2026');
    expect(completeDate('5/2/2026', 2026)).toBe('05/02/2026');
    expect(completeDate('31/2', 2026)).toBe('31/2');
    expect(completeDate('abc', 2026)).toBe('abc');
  });

  it('reads whole counts', () => {
    expect(parseCount('35')).toBe(35);
    expect(parseCount('1.200')).toBe(1200);
    expect(parseCount('3,5')).toBeNull();
    expect(parseCount('')).toBeNull();
  });
});
