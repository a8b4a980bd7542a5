import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatDecimal,
  formatKg,
  formatKm,
  formatMonth,
  formatTenths,
  formatVnd,
  fromStored,
} from '../lib/format';

describe('Vietnamese display of numbers and dates', () => {
  it('shows money with dots between thousands and the đồng sign', () => {
    expect(formatVnd(1500000)).toBe('1.500.000 đ');
    expect(formatVnd('1500000')).toBe('1.500.000 đ');
    expect(formatVnd(50000n)).toBe('50.000 đ');
    expect(formatVnd('0')).toBe('0 đ');
    expect(formatVnd('100000000000')).toBe('100.000.000.000 đ');
  });

  it('shows rice with a decimal comma and no trailing zeros', () => {
    expect(formatKg(12.5)).toBe('12,5 kg');
    expect(formatKg('12.500')).toBe('12,5 kg');
    expect(formatKg('840')).toBe('840 kg');
    expect(formatKg('1250.75')).toBe('1.250,75 kg');
    expect(formatKg('0.001')).toBe('0,001 kg');
  });

  it('keeps the sign of negative balances and drops it for zero', () => {
    expect(formatDecimal('-1500000')).toBe('-1.500.000');
    expect(formatDecimal('-0.000')).toBe('0');
  });

  it('turns stored integers into exact decimals without floats', () => {
    expect(fromStored(12500, 3)).toBe('12.500');
    expect(formatKg(fromStored(12500, 3))).toBe('12,5 kg');
    expect(fromStored(5, 3)).toBe('0.005');
    expect(fromStored(-2500, 3)).toBe('-2.500');
    expect(fromStored('9007199254740993', 0)).toBe('9007199254740993');
    expect(formatVnd(fromStored('9007199254740993', 0))).toBe('9.007.199.254.740.993 đ');
  });

  it('shows distances, workdays and counts', () => {
    expect(formatKm('17')).toBe('17 km');
    expect(formatKm('72.5')).toBe('72,5 km');
    expect(formatTenths(75)).toBe('7,5');
    expect(formatTenths(80)).toBe('8');
    expect(formatCount(1234)).toBe('1.234');
  });

  it('writes dates as dd/mm/yyyy and months as mm/yyyy', () => {
    expect(formatDate('2026-02-05')).toBe('05/02/2026');
    expect(formatDate(null)).toBe('');
    expect(formatMonth('2026-02')).toBe('02/2026');
  });
});
