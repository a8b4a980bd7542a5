// Refusals read by code, in the clerk's language, and placed next to the right input.
import { beforeEach, describe, expect, it } from 'vitest';
// why: the core's own list of codes, read as text, so the two cannot drift apart.
import errorRs from '../../../src/error.rs?raw';
import { errorText, fieldFor, placeError, ERROR_CODES } from '../lib/errors';
import { setLang } from '../lib/i18n';
import { vi as viDict } from '../lib/i18n/vi';

const err = (code: string, details: Record<string, unknown> = {}, message = 'core text') => ({ code, message, details });

beforeEach(() => setLang('vi'));

describe('error texts', () => {
  it('cover every code the core answers with (src/error.rs), so no refusal reaches the clerk as a raw code', () => {
    const coded = errorRs.slice(errorRs.indexOf('pub fn code(&self)'));
    const codes = [...coded.slice(0, coded.indexOf('\n    }\n')).matchAll(/=> "([a-z_]+)"/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.filter((c) => !(ERROR_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  it('name the button that needs a newer WebView2, in the window\'s language', () => {
    const tooOld = err('webview_too_old', { feature: 'print', needed: '109.0.1518.46', found: '100.0.1185.36' });
    expect(errorText(tooOld)).toContain('“In…”');
    expect(errorText(tooOld)).toContain('109.0.1518.46');
    setLang('en');
    expect(errorText({ ...tooOld, details: { ...tooOld.details, feature: 'pdf' } })).toContain('“Save PDF”');
  });

  it('are chosen by code and filled from details, not copied from the message', () => {
    expect(errorText(err('unknown_voucher', { voucher: 'PT-2026-0001' }))).toBe('Không tìm thấy phiếu PT-2026-0001');
    expect(errorText(err('stock_too_low', { asset: 'tiền', available: '50.000 đ', requested: '80.000 đ', month: '02/2026' }), true)).toBe(
      'Không đủ tiền: còn 50.000 đ, cần 80.000 đ',
    );
  });

  it('exist for every code in both languages, with no placeholder left unfilled by the core’s details', () => {
    const details: Record<string, Record<string, unknown>> = {
      invalid_number: { field: 'Số tiền', input: 'x', hint: 'h' },
      not_positive: { field: 'Số tiền', input: '0' },
      too_large: { field: 'Số tiền', input: '9', max: '1 đ' },
      invalid_date: { input: '31/02' },
      date_out_of_range: { date: '01/01/1800', min: 'a', max: 'b' },
      invalid_month: { input: '13/2026' },
      empty_text: { field: 'Tên hộ' },
      text_too_long: { field: 'Ghi chú', len: 600, max: 500 },
      control_characters: { field: 'Ghi chú' },
      invalid_choice: { field: 'Loại', input: 'x', allowed: 'a, b' },
      unknown_commune: { name: 'X' },
      unknown_hamlet: { name: 'X', commune: 'Y' },
      unknown_household: { name: 'X', commune: 'Y' },
      unknown_name: { what: 'người nộp / nhận', name: 'Ông Ba' },
      same_name_household: { name: 'X', count: 2, candidates: 'X (A), X (B)', example: 'X (A)' },
      household_not_in_hamlet: { name: 'X', hamlet: 'Long Bình', hamlets: 'Ấp A, Ấp B' },
      twin_households: { name: 'X', hamlet: 'Ấp A', count: 2 },
      duplicate_household: { label: 'X (Ấp A)', name: 'X' },
      unknown_project: { code: 'CT-1' },
      ambiguous_name: { what: 'hộ', name: 'a', candidates: 'A, Á' },
      duplicate_name: { what: 'Ấp', name: 'A' },
      commune_kind_conflict: { name: 'Phường 3', in_name: 'phường', chosen: 'xã' },
      place_not_valid_on: { place: 'Xã A', date: 'd', period: 'p', successor: '' },
      stock_too_low: { commune: 'c', program: 'p', asset: 'gạo', available: '1 kg', requested: '2 kg', month: '02/2026' },
      month_closed: { commune: 'c', month: '02/2026' },
      month_state: { commune: 'c', month: '02/2026', state: 'đã khóa sổ rồi' },
      unknown_voucher: { voucher: 'v' },
      ambiguous_voucher: { voucher: 'v', communes: 'a, b' },
      already_voided: { voucher: 'v' },
      book_not_empty: { what: 'w' },
      schema_too_new: { found: 9, supported: 4 },
      not_a_book: { path: '/x', detail: 'd' },
      busy: {},
      backup_invalid: { path: '/b.db', detail: 'không phải tệp SQLite' },
      path_outside_folder: { name: '../x', folder: '/usb' },
      unsuitable_folder: { folder: '/usb', reason: 'nằm trong thư mục của chương trình' },
      file_exists: { path: '/usb/x.db' },
      disk_full: { path: '/usb/x.db' },
      disk_io: { path: '/usb/x.db', detail: 'I/O error' },
      read_only: { path: '' },
      file_in_use: { path: 'C:\\Users\\Lan\\Documents\\bao-cao.xlsx' },
      path_too_long: { path: 'C:\\rất\\dài\\so.db', len: 270, max: 251 },
      webview_too_old: { feature: 'pdf', needed: '95.0.1020.30', found: '94.0.992.31' },
      storage: { detail: 'disk full' },
      protected_file: { path: '/so.db', what: 'sổ đang mở' },
      no_such_book: { path: '/so.db', found: '' },
      book_exists: { path: '/so.db', what: 'một tệp' },
      book_damaged: { path: '/so.db', detail: 'trang 12 hỏng' },
      lookalike_name: { what: 'xã', name: 'Tan Hoa', existing: 'Tân Hòa' },
      merge_refused: { from: 'Xã A', into: 'Xã B', reason: 'không thể sáp nhập một xã vào chính nó' },
      anonymous_payee: { name: 'Nhà hảo tâm' },
      anonymous_rename: { name: 'Nhà hảo tâm' },
      package_empty: { commune: 'Xã Phú Hữu' },
      package_open_month: { commune: 'Xã Phú Hữu', month: '10/2026' },
      package_invalid: { path: 'goi.sotinhthuong', detail: 'tệp bị cắt ngắn' },
      package_refused: { commune: 'Xã Phú Hữu', reason: 'gói của một sổ khác' },
      package_conflict: { commune: 'Xã Phú Hữu', voucher: 'PT-2026-0003', difference: 'số tiền' },
      received_commune: { commune: 'Xã Phú Hữu' },
      before_start: { commune: 'Xã Phú Hữu', date: '30/09/2026', start: '01/10/2026' },
      start_date_differs: { commune: 'Xã Phú Hữu', start: '01/10/2026', date: '15/10/2026' },
      import_file: { path: '/so-quy.xlsx', detail: 'không mở được bảng tính' },
      import_columns: { missing: 'Ngày' },
      legacy_text: { encoding: 'TCVN3 (ABC, phông .VnTime)' },
      import_row: { reason: 'dòng không có số tiền thu hay chi' },
      import_refused: {},
      import_cancelled: {},
      import_running: {},
    };
    for (const lang of ['vi', 'en'] as const) {
      setLang(lang);
      for (const code of ERROR_CODES) {
        for (const short of [false, true]) {
          const text = errorText(err(code, details[code]), short);
          expect(text, `${lang} ${code}`).not.toMatch(/\{\w+\}/);
          expect(text, `${lang} ${code}`).not.toBe('core text');
        }
      }
    }
  });

  it('keep no Vietnamese word of the details in English where the window knows a translation', () => {
    setLang('en');
    expect(errorText(err('stock_too_low', { asset: 'gạo', available: '1 kg', requested: '2 kg' }), true)).toBe(
      'Not enough rice: 1 kg left, 2 kg needed',
    );
  });

  it('name the path of a disk error only when the core knows it', () => {
    expect(errorText(err('disk_full', { path: '/media/usb/so.db' }))).toContain('chưa ghi được vào /media/usb/so.db.');
    expect(errorText(err('read_only', { path: '' }))).toMatch(/^Thư mục chỉ đọc, không ghi được \(/);
    expect(errorText(err('backup_invalid', { path: '/b.db', detail: 'hỏng' }))).toMatch(/^Tệp sao lưu không dùng được: hỏng/);
  });

  it('fall back to the core’s message for a code this window does not know', () => {
    expect(errorText(err('some_new_code', {}, 'Thông điệp mới'))).toBe('Thông điệp mới');
    setLang('en');
    expect(errorText(err('some_new_code', {}, 'Thông điệp mới'))).toBe('Error some_new_code: Thông điệp mới');
  });

  it('say something for failures that are not refusals', () => {
    expect(errorText(new Error('boom'))).toBe('Có lỗi không lường trước: boom');
  });

  it('include the short wording for each field-level code', () => {
    for (const code of ['invalid_number', 'not_positive', 'too_large', 'invalid_date', 'empty_text', 'stock_too_low', 'month_closed']) {
      expect(viDict).toHaveProperty(`error.${code}.short`);
    }
  });
});

describe('placing an error', () => {
  const routes = [
    { key: 'date', codes: ['invalid_date', 'month_closed'] },
    { key: 'kg', labels: ['Số ký gạo'], codes: ['stock_too_low'] },
    { key: 'fuel', labels: ['Số tiền'], value: () => '500.000' },
    { key: 'donation', labels: ['Số tiền'], value: () => '200.000' },
  ];

  it('follows details.field first, then the code', () => {
    expect(fieldFor(err('invalid_number', { field: 'Số ký gạo', input: 'x' }), routes)).toBe('kg');
    expect(fieldFor(err('stock_too_low', {}), routes)).toBe('kg');
    expect(fieldFor(err('month_closed', { commune: 'c', month: 'm' }), routes)).toBe('date');
  });

  it('tells apart inputs with the same label by the text that was typed', () => {
    expect(fieldFor(err('too_large', { field: 'Số tiền', input: '200.000' }), routes)).toBe('donation');
    expect(fieldFor(err('too_large', { field: 'Số tiền', input: '500.000' }), routes)).toBe('fuel');
  });

  it('matches a field label followed by an explanation', () => {
    const r = [{ key: 'km', labels: ['Số km'] }];
    expect(fieldFor(err('empty_text', { field: 'Số km (chưa có quãng đường mặc định tới X)' }), r)).toBe('km');
  });

  it('puts what concerns the whole entry at the top of the form', () => {
    expect(placeError(err('busy'), routes)).toEqual({ _form: 'Sổ đang được một cửa sổ khác ghi; hãy đợi một chút rồi thử lại' });
  });
});
