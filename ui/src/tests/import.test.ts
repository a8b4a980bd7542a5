// Nhập từ sổ cũ: the columns the clerk corrects, the dry run's list of refused and skipped rows,
// "Nhập tất cả" only when nothing is refused, the good rows only after a confirm naming how many
// are left out, the old-font question before any run, and a running import that Esc stops.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mocked, freshBook, refusal } from './support';
import { setLang } from '../lib/i18n';
import {
  withColumn,
  withHeaderRow,
  fieldsByColumn,
  missingFields,
  needsProgram,
  summarize,
  nextSteps,
  doneText,
  percent,
  suggestedName,
  skipText,
} from '../lib/importing';
import Import from '../screens/Import.svelte';
import type { Preview } from '../lib/bindings/Preview';
import type { ImportReport } from '../lib/bindings/ImportReport';
import type { Mapping } from '../lib/bindings/Mapping';
import type { ImportInput } from '../lib/bindings/ImportInput';

vi.mock('../lib/api', async (importOriginal) => (await import('./mock-api')).mockApi(importOriginal));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn() }));

const CASH: Mapping = {
  kind: 'cash',
  header_first: 4,
  header_last: 5,
  columns: { date: 'A', voucher_in: 'B', voucher_out: 'C', description: 'D', receipt: 'E', payment: 'F', balance: 'G' },
};

function cashPreview(mapping: Mapping = CASH, legacy: Preview['legacy'] = null): Preview {
  return {
    kind: 'cash',
    sheet: 'Tháng 1',
    sheets: ['Tháng 1', 'Tháng 2'],
    encoding: null,
    data_rows: 8,
    columns: ['Ngày tháng', 'Số phiếu: Thu', 'Số phiếu: Chi', 'Diễn giải', 'Số tiền: Thu', 'Số tiền: Chi', 'Số tiền: Tồn'].map(
      (header, i) => ({ letter: 'ABCDEFG'[i], header }),
    ),
    header: [
      { row: 4, cells: ['Ngày tháng', 'Số phiếu', '', 'Diễn giải', 'Số tiền', '', ''] },
      { row: 5, cells: ['', 'Thu', 'Chi', '', 'Thu', 'Chi', 'Tồn'] },
    ],
    first_rows: [{ row: 7, cells: ['05/01/2026', '01', '', 'Thu ủng hộ', '1500000', '', ''] }],
    mapping,
    missing: mapping.columns.date ? [] : ['date'],
    fields: [
      { field: 'date', label: 'Ngày', required: true },
      { field: 'receipt', label: 'Số tiền thu', required: false },
      { field: 'payment', label: 'Số tiền chi', required: false },
      { field: 'voucher_in', label: 'Số phiếu thu', required: false },
      { field: 'voucher_out', label: 'Số phiếu chi', required: false },
      { field: 'description', label: 'Diễn giải', required: false },
      { field: 'program', label: 'Mô hình', required: false },
      { field: 'party', label: 'Người nộp/nhận', required: false },
    ],
    legacy,
    samples: legacy ? [{ before: 'NguyÔn V¨n §­îc', after: 'Nguyễn Văn Được' }] : [],
  };
}

function report(fields: Partial<ImportReport>): ImportReport {
  return {
    kind: 'cash',
    sheet: 'Tháng 1',
    mapping: CASH,
    legacy: null,
    converted: false,
    rows: [],
    imported: 0,
    skipped: 0,
    duplicates: 0,
    refused: 0,
    written: false,
    dry_run: true,
    ...fields,
  };
}

const DRY = report({
  rows: [
    { row: 6, outcome: { status: 'skipped', reason: 'dòng cộng, số dư hoặc chuyển sang' } },
    { row: 7, outcome: { status: 'imported', what: 'PT-2026-0001' } },
    { row: 8, outcome: { status: 'imported', what: 'PC-2026-0001' } },
    {
      row: 11,
      outcome: { status: 'refused', code: 'stock_too_low', reason: 'Không đủ tiền ngày 20/01/2026', reason_en: 'Not enough cash on 20/01/2026' },
    },
    { row: 12, outcome: { status: 'refused', code: 'unknown_hamlet', reason: 'Không có ấp Phú Lợi', reason_en: 'No hamlet Phú Lợi' } },
    { row: 13, outcome: { status: 'skipped', reason: 'dòng trống' } },
  ],
  imported: 2,
  skipped: 2,
  refused: 2,
});

beforeEach(() => {
  freshBook();
  setLang('vi');
  mocked.importMappings.mockResolvedValue([]);
});

describe('the import screen’s logic', () => {
  it('gives a column to one field only: the field that had it loses it', () => {
    const m = withColumn(CASH, 'party', 'D');
    expect(m.columns.party).toBe('D');
    expect(m.columns.description).toBeUndefined();
    expect(m.columns.date).toBe('A');
    expect(withColumn(m, 'party', '').columns.party).toBeUndefined();
    expect(fieldsByColumn(m).D).toBe('party');
  });

  it('moves the header keeping its height, never above row 1', () => {
    expect(withHeaderRow(CASH, 8)).toMatchObject({ header_first: 7, header_last: 8 });
    expect(withHeaderRow(CASH, 1)).toMatchObject({ header_first: 1, header_last: 1 });
  });

  it('asks for the required fields and for the program of a cash book without its column', () => {
    const p = cashPreview();
    expect(missingFields(p, withColumn(CASH, 'date', ''))).toEqual(['date']);
    expect(missingFields(p, CASH)).toEqual([]);
    expect(needsProgram('cash', CASH)).toBe(true);
    expect(needsProgram('cash', withColumn(CASH, 'program', 'H'))).toBe(false);
    expect(needsProgram('households', CASH)).toBe(false);
  });

  it('lists the refused rows with their reasons in the window’s language, and the skipped ones', () => {
    const s = summarize(DRY);
    expect(s.refused).toEqual([
      { row: 11, text: 'Không đủ tiền ngày 20/01/2026' },
      { row: 12, text: 'Không có ấp Phú Lợi' },
    ]);
    expect(s.skipped.map((r) => r.row)).toEqual([6, 13]);
    setLang('en');
    expect(summarize(DRY, true).refused[0].text).toBe('Not enough cash on 20/01/2026');
    expect(skipText('dòng trống')).toBe('blank row');
    expect(skipText('“Ấp A” đã có trong danh mục')).toBe('“Ấp A” is already in the lists');
  });

  it('allows “Nhập tất cả” only when nothing is refused', () => {
    expect(nextSteps(DRY)).toEqual({ all: false, goodOnly: true });
    expect(nextSteps(report({ imported: 3 }))).toEqual({ all: true, goodOnly: false });
    expect(nextSteps(report({ duplicates: 3 }))).toEqual({ all: false, goodOnly: false });
  });

  it('says what was written, and that a second import added nothing', () => {
    expect(doneText(report({ imported: 50000, written: true, dry_run: false }))).toBe('Đã nhập 50.000 dòng vào sổ.');
    expect(doneText(report({ duplicates: 118, written: true, dry_run: false }))).toBe(
      'Tệp này đã nhập trước đó (118 dòng): không thêm gì.',
    );
  });

  it('shows progress as a share and offers a name that fits next month’s file', () => {
    expect(percent({ done: 50, total: 200 })).toBe(25);
    expect(percent(null)).toBe(0);
    expect(suggestedName('cash', '/home/a/so-quy-thang-01-2026.xlsx')).toBe('Sổ quỹ tiền mặt — so-quy-thang');
  });
});

describe('the import screen', () => {
  async function opened(preview: Preview = cashPreview()) {
    const user = userEvent.setup();
    mocked.previewImport.mockResolvedValue(preview);
    render(Import);
    await user.selectOptions(screen.getByLabelText('Loại dữ liệu'), 'cash');
    await user.type(screen.getByLabelText('Tệp'), '/home/a/so-quy-2026.xlsx{Enter}');
    await screen.findByText(/Trang “Tháng 1”: dòng tiêu đề 4–5/);
    return user;
  }

  it('shows the first rows under the guessed columns, each column labelled with its field', async () => {
    await opened();
    expect(mocked.previewImport).toHaveBeenLastCalledWith({ path: '/home/a/so-quy-2026.xlsx', sheet: null, kind: 'cash', mapping: null });
    const table = screen.getByRole('table', { name: 'Các dòng đầu của trang tính' });
    expect(within(table).getByText('→ Ngày')).toBeTruthy();
    expect(within(table).getByText('→ Tồn (không nhập)')).toBeTruthy();
    expect(within(table).getByText('05/01/2026')).toBeTruthy();
    const date = screen.getByLabelText('Cột của “Ngày”') as HTMLSelectElement;
    expect(date.value).toBe('A');
    expect([...date.options].map((o) => o.textContent)).toContain('E · Số tiền: Thu');
    expect(screen.getByLabelText('Trang tính')).toBeTruthy();
  });

  it('reads the sheet again under a corrected column', async () => {
    const user = await opened();
    mocked.previewImport.mockResolvedValue(cashPreview(withColumn(CASH, 'party', 'D')));
    await user.selectOptions(screen.getByLabelText('Cột của “Người nộp/nhận”'), 'D');
    await waitFor(() =>
      expect(mocked.previewImport).toHaveBeenLastCalledWith(
        expect.objectContaining({ mapping: expect.objectContaining({ columns: expect.objectContaining({ party: 'D' }) }) }),
      ),
    );
    const call = mocked.previewImport.mock.lastCall?.[0] as { mapping: Mapping };
    expect(call.mapping.columns.description).toBeUndefined();
  });

  it('needs the program before a dry run, then lists every refused row and offers only the good rows', async () => {
    const user = await opened();
    const dryRun = screen.getByRole('button', { name: /Chạy thử/ });
    expect((dryRun as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Hãy chọn mô hình của sổ quỹ (tệp không có cột Mô hình).')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Mô hình của sổ quỹ'), 'transport');
    mocked.runImport.mockResolvedValue(DRY);
    await user.click(dryRun);
    const refused = await screen.findByRole('table', { name: 'Các dòng bị từ chối' });
    expect(within(refused).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'DòngLý do',
      '11Không đủ tiền ngày 20/01/2026',
      '12Không có ấp Phú Lợi',
    ]);
    const input = mocked.runImport.mock.lastCall?.[0] as ImportInput;
    expect(input.options).toMatchObject({ kind: 'cash', commune: 'Xã Phú Hữu', program: 'transport', dry_run: true, good_rows_only: false });
    expect((screen.getByRole('button', { name: 'Nhập tất cả' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Chỉ nhập các dòng hợp lệ' }));
    expect(await screen.findByText(/2 dòng bị từ chối sẽ bị bỏ ra, không nhập; 2 dòng hợp lệ sẽ được nhập/)).toBeTruthy();
    mocked.runImport.mockResolvedValue(report({ ...DRY, written: true, dry_run: false }));
    await user.click(screen.getByRole('button', { name: 'Nhập các dòng hợp lệ' }));
    expect(await screen.findByText('Đã nhập 2 dòng vào sổ.')).toBeTruthy();
    expect((mocked.runImport.mock.lastCall?.[0] as ImportInput).options).toMatchObject({ dry_run: false, good_rows_only: true });
  });

  it('asks about old-font text before any run, showing a sample before and after', async () => {
    const user = await opened(cashPreview(withColumn(CASH, 'program', 'H'), 'tcvn3'));
    expect(screen.getByText('NguyÔn V¨n §­îc')).toBeTruthy();
    expect(screen.getByText('Nguyễn Văn Được')).toBeTruthy();
    const dryRun = screen.getByRole('button', { name: /Chạy thử/ }) as HTMLButtonElement;
    expect(dryRun.disabled).toBe(true);
    await user.click(screen.getByLabelText('Chuyển sang Unicode'));
    expect(dryRun.disabled).toBe(false);
    mocked.runImport.mockResolvedValue(report({ imported: 1 }));
    await user.click(dryRun);
    await waitFor(() => expect(mocked.runImport).toHaveBeenCalled());
    expect((mocked.runImport.mock.lastCall?.[0] as ImportInput).options.convert).toEqual({ choice: 'from', from: 'tcvn3' });
  });

  it('covers the window while running and stops on Esc, saying nothing was written', async () => {
    const user = await opened(cashPreview(withColumn(CASH, 'program', 'H')));
    let fail: (e: unknown) => void = () => {};
    mocked.runImport.mockImplementation(
      (_input: unknown, onProgress: (p: { done: number; total: number }) => void) =>
        new Promise((_resolve, reject) => {
          onProgress({ done: 250, total: 1000 });
          fail = reject;
        }),
    );
    mocked.stopImport.mockImplementation(async () => {
      fail(refusal('import_cancelled'));
      return null;
    });
    await user.click(screen.getByRole('button', { name: /Chạy thử/ }));
    const box = await screen.findByRole('dialog', { name: 'Đang chạy thử…' });
    expect(within(box).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    await user.keyboard('{Escape}');
    expect(mocked.stopImport).toHaveBeenCalled();
    expect(await screen.findByText('Đã dừng. Sổ không thay đổi gì.')).toBeTruthy();
    expect(screen.queryByRole('dialog', { name: 'Đang chạy thử…' })).toBeNull();
  });

  it('saves the corrected mapping for next month and offers it again', async () => {
    const user = await opened();
    mocked.saveImportMapping.mockResolvedValue(null);
    mocked.importMappings.mockResolvedValue([{ name: 'Sổ quỹ tiền mặt — so-quy', mapping: withColumn(CASH, 'party', 'D') }]);
    await user.click(screen.getByRole('button', { name: 'Lưu cách đọc cột' }));
    expect(mocked.saveImportMapping).toHaveBeenCalledWith({ name: 'Sổ quỹ tiền mặt — so-quy', mapping: CASH });
    expect(await screen.findByText('Đã lưu cách đọc cột “Sổ quỹ tiền mặt — so-quy”.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Cách đọc cột đã lưu'), 'Sổ quỹ tiền mặt — so-quy');
    await waitFor(() =>
      expect(mocked.previewImport).toHaveBeenLastCalledWith(
        expect.objectContaining({ mapping: expect.objectContaining({ columns: expect.objectContaining({ party: 'D' }) }) }),
      ),
    );
  });

  it('says what to fix when the file cannot be read', async () => {
    const user = userEvent.setup();
    mocked.previewImport.mockRejectedValue(refusal('import_file', { path: '/a/thu.docx', detail: 'chỉ đọc được .xlsx, .xls, .ods và .csv' }));
    render(Import);
    await user.type(screen.getByLabelText('Tệp'), '/a/thu.docx{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Không đọc được tệp /a/thu.docx: chỉ đọc được .xlsx, .xls, .ods và .csv. Hãy mở tệp bằng Excel và lưu lại thành .xlsx hoặc .csv; sổ không thay đổi.',
    );
  });
});
