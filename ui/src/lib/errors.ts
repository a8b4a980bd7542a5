// Errors as the clerk reads them: the text is chosen by the core's stable error `code` (never by
// matching its message), filled with the error's `details`, in the current language; and the
// error is placed next to the input it is about.

import { t, lang, hasKey, type MessageKey, type Params } from './i18n';

/** Every code the core can answer with (src/error.rs); each has a message in the dictionaries. */
export const ERROR_CODES = [
  'invalid_number',
  'not_positive',
  'too_large',
  'invalid_date',
  'date_out_of_range',
  'invalid_month',
  'empty_text',
  'text_too_long',
  'control_characters',
  'invalid_choice',
  'unknown_commune',
  'unknown_hamlet',
  'unknown_household',
  'unknown_name',
  'same_name_household',
  'household_not_in_hamlet',
  'twin_households',
  'duplicate_household',
  'unknown_project',
  'ambiguous_name',
  'duplicate_name',
  'commune_kind_conflict',
  'place_not_valid_on',
  'stock_too_low',
  'month_closed',
  'month_state',
  'unknown_voucher',
  'ambiguous_voucher',
  'already_voided',
  'book_not_empty',
  'schema_too_new',
  'not_a_book',
  'busy',
  'backup_invalid',
  'path_outside_folder',
  'unsuitable_folder',
  'file_exists',
  'disk_full',
  'disk_io',
  'read_only',
  'protected_file',
  'file_in_use',
  'no_such_book',
  'book_exists',
  'book_damaged',
  'lookalike_name',
  'merge_refused',
  'anonymous_payee',
  'anonymous_rename',
  'package_empty',
  'package_open_month',
  'package_invalid',
  'package_refused',
  'package_conflict',
  'received_commune',
  'before_start',
  'start_date_differs',
  'path_too_long',
  'webview_too_old',
  'import_file',
  'import_columns',
  'legacy_text',
  'import_row',
  'import_refused',
  'import_cancelled',
  'import_running',
  'storage',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The shape of a refusal from the core, as the IPC delivers it. */
export interface ErrorLike {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** True for `{code, message, details}` objects (the api's AppError and raw IPC rejections). */
export function isErrorLike(e: unknown): e is ErrorLike {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

// why: the core's details carry a few Vietnamese words (asset, program); English needs its own.
const WORDS_EN: Record<string, string> = {
  gạo: 'rice',
  tiền: 'cash',
  'Nắm gạo tình thương': 'Handful of rice',
  'Xe chuyển bệnh miễn phí': 'Free patient transport',
  'Sửa chữa cầu đường': 'Bridge and road repair',
  hộ: 'households',
  ấp: 'hamlets',
  'xã/thị trấn': 'communes',
  'đã khóa sổ rồi': 'is already closed',
  'chưa khóa sổ': 'is not closed',
};

function word(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  return lang() === 'en' ? (WORDS_EN[text] ?? text) : text;
}

function params(details: Record<string, unknown>): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(details ?? {})) out[k] = word(v);
  return out;
}

const DISK_CODES = ['disk_full', 'disk_io', 'read_only'];

/**
 * The message for an error, in the current language. With `short`, the wording that sits next to
 * a field (the field's own label is already beside it).
 */
export function errorText(error: unknown, short = false): string {
  if (!isErrorLike(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return t('error.unexpected', { detail: text });
  }
  const p = params(error.details);
  if (error.code === 'invalid_number' && lang() === 'vi' && !p.hint) p.hint = t('hint.digitsOnly');
  if (error.code === 'invalid_number' && lang() === 'en') p.hint = t('hint.digitsOnly');
  // why: the disk errors name the path only when the core knows it (" vào /media/usb/…").
  if (DISK_CODES.includes(error.code)) p.at = p.path ? t('error.at', { path: p.path }) : '';
  // why: the message names the button the clerk pressed, in the window's language.
  if (error.code === 'webview_too_old') p.action = t(p.feature === 'pdf' ? 'report.savePdf' : 'report.print');
  if (short) {
    const shortKey = `error.${error.code}.short`;
    if (hasKey(shortKey)) return t(shortKey, p);
  }
  const key = `error.${error.code}`;
  if (hasKey(key)) return t(key, p);
  // why: a code this window does not know yet (a newer core) still says something useful.
  return lang() === 'vi' ? error.message : t('error.unknownCode', { code: error.code, message: error.message });
}

/** Where a form's inputs are told apart: the core's field labels and error codes for each input. */
export interface FieldRoute {
  /** The input's key in the form's `errors` record. */
  key: string;
  /** The core's `details.field` labels that mean this input (e.g. "Số ký gạo"). */
  labels?: string[];
  /** Codes that always belong to this input (e.g. stock_too_low → the kg field). */
  codes?: string[];
  /** The input's current text, to tell apart inputs that share a label (details.input). */
  value?: () => string;
}

/** Picks the input an error is about; null when it concerns the whole form. */
export function fieldFor(error: ErrorLike, routes: FieldRoute[]): string | null {
  const field = typeof error.details?.field === 'string' ? (error.details.field as string) : null;
  const input = typeof error.details?.input === 'string' ? (error.details.input as string) : null;
  if (field !== null) {
    const byLabel = routes.filter((r) =>
      r.labels?.some((l) => field === l || field.startsWith(l + ' ') || field.startsWith(l + ' (')),
    );
    if (byLabel.length > 1 && input !== null) {
      const exact = byLabel.find((r) => r.value && r.value().trim() === input.trim());
      if (exact) return exact.key;
    }
    if (byLabel.length > 0) return byLabel[0].key;
  }
  const byCode = routes.find((r) => r.codes?.includes(error.code));
  return byCode ? byCode.key : null;
}

/** Error texts of a form: one per input key, plus `_form` for what concerns the whole entry. */
export type FormErrors = Record<string, string>;

/** Places an error in a form's error record: next to its input, or at the form's top. */
export function placeError(error: unknown, routes: FieldRoute[]): FormErrors {
  if (!isErrorLike(error)) return { _form: errorText(error) };
  const key = fieldFor(error, routes);
  return key ? { [key]: errorText(error, true) } : { _form: errorText(error) };
}

/** The dictionary key of an error code's message (for the completeness test). */
export function errorKey(code: ErrorCode): MessageKey {
  return `error.${code}` as MessageKey;
}
