// Comfort checks shared by the entry forms: each returns the text to show next to the field, or ''
// when the field is fine. The typed text itself is sent unchanged; the core checks it again.

import { t } from './i18n';
import { parseAmount, parseDate, parseCount, type Unit } from './parse';
import { formatDecimal } from './format';

/** The message for a typed amount, or '' when it reads well (or is empty and optional). */
export function amountError(text: string, unit: Unit, required: boolean): string {
  if (text.trim() === '') return required ? t('error.empty_text.short') : '';
  const r = parseAmount(text, unit);
  if (r.ok) return '';
  switch (r.code) {
    case 'invalid_number':
      return t('error.invalid_number.short', {
        input: text.trim(),
        hint: t(r.hint ?? 'hint.digitsOnly', r.params),
      });
    case 'too_large':
      return t('error.too_large.short', {
        input: text.trim(),
        max: `${formatDecimal(r.params?.max ?? '')} ${unitSymbol(unit)}`,
      });
    case 'not_positive':
      return t('error.not_positive.short', { input: text.trim() });
    default:
      return t('error.empty_text.short');
  }
}

/** "đ", "kg" or "km". */
export function unitSymbol(unit: Unit): string {
  return unit === 'vnd' ? 'đ' : unit;
}

/** "= 1.500.000 đ" under an amount that reads well and was typed differently; '' otherwise. */
export function amountPreview(text: string, unit: Unit): string {
  if (text.trim() === '') return '';
  const r = parseAmount(text, unit);
  if (!r.ok) return '';
  const shown = `${formatDecimal(r.value)} ${unitSymbol(unit)}`;
  return text.trim() === formatDecimal(r.value) ? '' : `= ${shown}`;
}

/** The message for a typed date, or ''. */
export function dateError(text: string, required = true): string {
  if (text.trim() === '') return required ? t('error.empty_text.short') : '';
  return parseDate(text) ? '' : t('error.invalid_date.short', { input: text.trim() });
}

/** The message for a whole count (households, volunteers), or ''. */
export function countError(text: string, required: boolean): string {
  if (text.trim() === '') return required ? t('error.empty_text.short') : '';
  return parseCount(text) === null ? t('error.count.short', { input: text.trim() }) : '';
}

/** The message for a required text, or ''. */
export function textError(text: string, required = true): string {
  return required && text.trim() === '' ? t('error.empty_text.short') : '';
}

/** Keeps only the non-empty messages. */
export function collect(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== ''));
}

/** The errors of a form once the input `name` was edited: its own and the form-wide one go. */
export function clearError(errors: Record<string, string>, name: string): Record<string, string> {
  if (!errors[name] && !errors._form) return errors;
  const rest = { ...errors };
  delete rest[name];
  delete rest._form;
  return rest;
}
