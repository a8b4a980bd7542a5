// Vietnamese display of numbers and dates: 1.500.000 đ, 12,5 kg, 05/02/2026.
// Quantities cross the IPC as decimal strings ("1500000", "12.500") or as stored integers (đồng,
// grams, metres); both are formatted from their digits, never through a float.

export type Quantity = string | number | bigint;

/** The decimal text of a quantity: "1500000", "-12.5". Numbers must be safe integers or short decimals. */
function decimalText(value: Quantity): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '0';
    // why: toString gives exponents for big or tiny floats; the UI only meets whole numbers and
    // values from the core that have at most three decimals.
    return Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(3);
  }
  return value.trim();
}

/**
 * Formats a decimal the Vietnamese way: "." between thousands, "," before decimals, no trailing
 * zeros after the comma. Accepts "1500000", "12.500", "-3", 1500000, 12.5.
 */
export function formatDecimal(value: Quantity): string {
  let text = decimalText(value);
  let sign = '';
  if (text.startsWith('-')) {
    sign = '-';
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  if (!/^\d*(\.\d*)?$/.test(text) || text === '' || text === '.') return sign + text;
  let [intPart, frac = ''] = text.split('.');
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  let grouped = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) grouped += '.';
    grouped += intPart[i];
  }
  if (grouped === '0' && frac === '') sign = '';
  return sign + grouped + (frac ? ',' + frac : '');
}

/** A stored integer scaled by 10^places (grams → kg) as a decimal string, exactly. */
export function fromStored(units: Quantity, places: number): string {
  let digits = decimalText(units);
  let sign = '';
  if (digits.startsWith('-')) {
    sign = '-';
    digits = digits.slice(1);
  }
  if (places === 0) return sign + digits;
  const padded = digits.padStart(places + 1, '0');
  return `${sign}${padded.slice(0, -places)}.${padded.slice(-places)}`;
}

/** 1500000 → "1.500.000 đ". */
export function formatVnd(value: Quantity): string {
  return `${formatDecimal(value)} đ`;
}

/** 12.5 → "12,5 kg". */
export function formatKg(value: Quantity): string {
  return `${formatDecimal(value)} kg`;
}

/** 17 → "17 km". */
export function formatKm(value: Quantity): string {
  return `${formatDecimal(value)} km`;
}

/** Tenths of a workday (75) → "7,5". */
export function formatTenths(tenths: Quantity): string {
  return formatDecimal(fromStored(tenths, 1));
}

/** A whole count with thousands dots: 1234 → "1.234". */
export function formatCount(value: Quantity): string {
  return formatDecimal(value);
}

/** "2026-02-05" (ISO, as the core sends dates) → "05/02/2026"; other text is returned as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "2026-02" → "02/2026". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return '';
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}/${m[1]}` : month;
}
