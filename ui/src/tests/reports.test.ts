// The Báo cáo screen: the request the core gets for each report, the preview, saving as PDF and
// Excel through the save dialog, refusals in plain words, and a voucher's receipt from its row.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { save } from '@tauri-apps/plugin-dialog';
import { mocked, freshBook, PHU_HUU, refusal } from './support';
import { setLang } from '../lib/i18n';
import { show, view, book } from '../lib/session.svelte';
import { choice, fileName, requestFor, slug, type Choice } from '../lib/reports.svelte';
import Reports from '../screens/Reports.svelte';
import App from '../App.svelte';
import type { MovementRow } from '../lib/bindings/MovementRow';
import type { Project } from '../lib/bindings/Project';
import type { ReportRequest } from '../lib/bindings/ReportRequest';

vi.mock('../lib/api', async (importOriginal) => (await import('./mock-api')).mockApi(importOriginal));
vi.mock('@tauri-apps/plugin-dialog', () => ({ save: vi.fn() }));

const saveDialog = vi.mocked(save);

const HTML = '<!DOCTYPE html><html lang="vi"><head><style>@page { size: A4 portrait; }</style></head><body><h1>BÁO CÁO</h1><p>Kết quả tháng 02/2026</p></body></html>';

/** A request with nothing chosen but the name, as the core reads it. */
function asked(fields: Partial<ReportRequest>): ReportRequest {
  return {
    name: 'monthly',
    commune: 'Xã Phú Hữu',
    all: false,
    month: null,
    period: null,
    program: null,
    asset: null,
    project: null,
    voucher: null,
    ...fields,
  };
}

function project(id: number, code: string, name: string, status: Project['status']): Project {
  return {
    id,
    code,
    commune_id: 1,
    name,
    kind: 'bridge',
    hamlet: null,
    size: '',
    status,
    start: null,
    end: null,
    estimate: null,
    received: '0',
    spent: '0',
    workdays_tenths: 0,
  };
}

function frameOf(): HTMLIFrameElement {
  return screen.getByTitle(/^Xem trước:/) as HTMLIFrameElement;
}

beforeEach(() => {
  freshBook();
  setLang('vi');
  Object.assign(choice, { name: 'monthly', all: false, program: 'rice', asset: 'cash', yearly: false, project: '', voucher: '' });
  saveDialog.mockReset();
  mocked.renderReport.mockResolvedValue(HTML);
  mocked.listProjects.mockResolvedValue([]);
  mocked.backupFolder.mockResolvedValue({
    folder: '/home/a/Documents/Sổ Tình Thương/Sao lưu',
    is_default: true,
    default_folder: '/home/a/Documents/Sổ Tình Thương/Sao lưu',
    last: null,
    last_error: null,
  });
});

describe('the Báo cáo screen', () => {
  it('shows the monthly summary of the filtered commune and month at once, as an A4 page', async () => {
    render(Reports);
    expect(screen.getByRole('heading', { name: 'Báo cáo' })).toBeTruthy();
    await waitFor(() => expect(mocked.renderReport).toHaveBeenCalledWith(asked({ name: 'monthly', month: '2026-02' })));
    await waitFor(() => expect(frameOf().getAttribute('srcdoc')).toContain('<h1>BÁO CÁO</h1>'));
    const frame = frameOf();
    expect(frame.getAttribute('sandbox')).toBe('allow-same-origin allow-modals');
    // The frame's sheet only takes the desk's margin away; the core's pages are left as they are.
    expect(frame.getAttribute('srcdoc')).toContain('<style data-sheet>@media screen { body { margin: 0 !important; padding: 3mm 0 !important; } }</style>');
    expect(frame.getAttribute('srcdoc')).toContain('<p>Kết quả tháng 02/2026</p>');
    expect(frame.classList.contains('landscape')).toBe(false);
  });

  it('asks for all communes side by side when "Tất cả các xã" is chosen', async () => {
    const user = userEvent.setup();
    render(Reports);
    await user.click(screen.getByLabelText('Tất cả các xã'));
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenLastCalledWith(asked({ name: 'monthly', commune: null, all: true, month: '2026-02' })),
    );
  });

  it('builds the request each report needs', async () => {
    const user = userEvent.setup();
    mocked.listProjects.mockResolvedValue([
      project(1, 'CT-2026-0001', 'Cầu kênh Ba Thê', 'done'),
      project(2, 'CT-2026-0002', 'Đường ấp Phú Hiệp', 'active'),
    ]);
    render(Reports);
    const kind = screen.getByLabelText('Loại báo cáo');
    expect([...(kind as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'Báo cáo tháng',
      'Sổ theo dõi quỹ',
      'Sổ nhập – xuất – tồn gạo',
      'Sổ theo dõi chuyến xe',
      'Quyết toán công trình',
      'Danh sách công khai',
      'Giấy biên nhận',
    ]);

    for (const [name, label] of [
      ['rice-book', 'Sổ nhập – xuất – tồn gạo'],
      ['trips', 'Sổ theo dõi chuyến xe'],
      ['disclosure', 'Danh sách công khai'],
    ] as const) {
      await user.selectOptions(kind, label);
      await waitFor(() => expect(mocked.renderReport).toHaveBeenLastCalledWith(asked({ name, month: '2026-02' })));
    }

    // The fund book: the program, cash or rice, and the month or the whole year.
    await user.selectOptions(kind, 'Sổ theo dõi quỹ');
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenLastCalledWith(
        asked({ name: 'fund-book', month: '2026-02', period: '2026-02', program: 'rice', asset: 'cash' }),
      ),
    );
    await user.click(screen.getByLabelText('Gạo'));
    await user.click(screen.getByLabelText('Cả năm 2026'));
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenLastCalledWith(
        asked({ name: 'fund-book', month: '2026-02', period: '2026', program: 'rice', asset: 'rice' }),
      ),
    );
    // Only the rice model keeps rice: another model's book is a cash book.
    await user.selectOptions(screen.getByLabelText('Mô hình'), 'Xe chuyển bệnh');
    expect((screen.getByLabelText('Gạo') as HTMLInputElement).disabled).toBe(true);
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenLastCalledWith(
        asked({ name: 'fund-book', month: '2026-02', period: '2026', program: 'transport', asset: 'cash' }),
      ),
    );

    // The project settlement: picked from the commune's projects, a finished one first.
    await user.selectOptions(kind, 'Quyết toán công trình');
    await waitFor(() => expect(mocked.listProjects).toHaveBeenCalledWith({ commune_id: 1 }));
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenLastCalledWith(asked({ name: 'project', project: 'CT-2026-0001' })),
    );
    await user.selectOptions(screen.getByLabelText('Công trình'), 'CT-2026-0002 — Đường ấp Phú Hiệp (Đang thi công)');
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenLastCalledWith(asked({ name: 'project', project: 'CT-2026-0002' })),
    );

    // The receipt waits for the number to be typed, then "Xem".
    await user.selectOptions(kind, 'Giấy biên nhận');
    expect(screen.getByText(/Gõ số phiếu thu \(PT-…\)/)).toBeTruthy();
    const calls = mocked.renderReport.mock.calls.length;
    await user.type(screen.getByLabelText(/^Số phiếu/), 'PN-2026-0003');
    expect(mocked.renderReport).toHaveBeenCalledTimes(calls);
    await user.click(screen.getByRole('button', { name: 'Xem' }));
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenLastCalledWith(asked({ name: 'receipt', voucher: 'PN-2026-0003' })),
    );
    expect(localStorage.getItem('stt.report.name')).toBe('receipt');
  });

  it('prints through the shell\'s print dialog (A4 and the official margins chosen), saying so while it is open', async () => {
    const user = userEvent.setup();
    let close: (printed: boolean) => void = () => {};
    mocked.printReport.mockImplementation(() => new Promise<boolean>((resolve) => (close = resolve)));
    render(Reports);
    await waitFor(() => expect((screen.getByRole('button', { name: 'In…' }) as HTMLButtonElement).disabled).toBe(false));
    const own = vi.fn();
    (frameOf() as HTMLIFrameElement).contentWindow!.print = own;
    await user.click(screen.getByRole('button', { name: 'In…' }));
    await waitFor(() => expect(mocked.printReport).toHaveBeenCalledWith(asked({ name: 'monthly', month: '2026-02' })));
    expect(screen.getByText('Đang mở hộp thoại in…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Lưu PDF' }) as HTMLButtonElement).disabled).toBe(true);
    close(true);
    await waitFor(() => expect(screen.queryByText('Đang mở hộp thoại in…')).toBeNull());
    expect(own).not.toHaveBeenCalled();
  });

  it('prints the preview itself where the shell has no print dialog of its own', async () => {
    const user = userEvent.setup();
    mocked.printReport.mockResolvedValue(false);
    render(Reports);
    await waitFor(() => expect((screen.getByRole('button', { name: 'In…' }) as HTMLButtonElement).disabled).toBe(false));
    const own = vi.fn();
    (frameOf() as HTMLIFrameElement).contentWindow!.print = own;
    await user.click(screen.getByRole('button', { name: 'In…' }));
    await waitFor(() => expect(own).toHaveBeenCalledTimes(1));
  });

  it('says in Vietnamese why printing failed', async () => {
    const user = userEvent.setup();
    mocked.printReport.mockRejectedValue(refusal('storage', { detail: 'không in được: máy in không trả lời' }));
    render(Reports);
    await waitFor(() => expect((screen.getByRole('button', { name: 'In…' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(screen.getByRole('button', { name: 'In…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Lỗi lưu trữ: không in được: máy in không trả lời');
  });

  it('saves the report as a PDF where the save dialog says, showing progress, then "Đã lưu"', async () => {
    const user = userEvent.setup();
    let finish: (path: string) => void = () => {};
    mocked.savePdf.mockImplementation(() => new Promise<string>((resolve) => (finish = resolve)));
    saveDialog.mockResolvedValue('/home/a/Báo cáo/thang-2.pdf');
    render(Reports);
    await waitFor(() => expect(frameOf()).toBeTruthy());
    await user.click(screen.getByRole('button', { name: 'Lưu PDF' }));
    await waitFor(() => expect(mocked.savePdf).toHaveBeenCalled());
    expect(saveDialog).toHaveBeenCalledWith({
      title: 'Lưu báo cáo thành tệp PDF',
      defaultPath: '/home/a/Documents/bao-cao-thang-2026-02-phu-huu.pdf',
      filters: [{ name: 'Tệp PDF', extensions: ['pdf'] }],
    });
    expect(mocked.savePdf).toHaveBeenCalledWith({
      request: asked({ name: 'monthly', month: '2026-02' }),
      path: '/home/a/Báo cáo/thang-2.pdf',
    });
    // While the PDF is written the window says so, and the buttons wait.
    expect(screen.getByText('Đang lưu PDF…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Xuất Excel' }) as HTMLButtonElement).disabled).toBe(true);
    finish('/home/a/Báo cáo/thang-2.pdf');
    expect(await screen.findByText('Đã lưu /home/a/Báo cáo/thang-2.pdf')).toBeTruthy();
    expect(screen.queryByText('Đang lưu PDF…')).toBeNull();
    // The next save starts in the folder chosen this time.
    expect(localStorage.getItem('stt.report.folder')).toBe('/home/a/Báo cáo');
  });

  it('opens one save dialog however often the button is pressed', async () => {
    const user = userEvent.setup();
    let answer: (path: string | null) => void = () => {};
    saveDialog.mockImplementation(() => new Promise<string | null>((resolve) => (answer = resolve)));
    render(Reports);
    const button = screen.getByRole('button', { name: 'Lưu PDF' });
    await user.click(button);
    await waitFor(() => expect(saveDialog).toHaveBeenCalledTimes(1));
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await user.click(button);
    answer(null);
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(saveDialog).toHaveBeenCalledTimes(1);
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const user = userEvent.setup();
    saveDialog.mockResolvedValue(null);
    render(Reports);
    await user.click(screen.getByRole('button', { name: 'Lưu PDF' }));
    await waitFor(() => expect(saveDialog).toHaveBeenCalled());
    expect(mocked.savePdf).not.toHaveBeenCalled();
    expect(screen.queryByText(/Đã lưu/)).toBeNull();
  });

  it('exports to Excel through the dialog, adding .xlsx when the name has none', async () => {
    const user = userEvent.setup();
    saveDialog.mockResolvedValue('/home/a/so-quy');
    mocked.exportReport.mockImplementation(async ({ path }: { path: string }) => path);
    choice.name = 'fund-book';
    render(Reports);
    await user.click(screen.getByRole('button', { name: 'Xuất Excel' }));
    await waitFor(() =>
      expect(mocked.exportReport).toHaveBeenCalledWith({
        request: asked({ name: 'fund-book', month: '2026-02', period: '2026-02', program: 'rice', asset: 'cash' }),
        format: 'xlsx',
        path: '/home/a/so-quy.xlsx',
      }),
    );
    expect(saveDialog.mock.calls[0][0]).toMatchObject({
      defaultPath: '/home/a/Documents/so-quy-rice-cash-2026-02-phu-huu.xlsx',
      filters: [{ name: 'Bảng tính Excel', extensions: ['xlsx'] }],
    });
    expect(await screen.findByText('Đã lưu /home/a/so-quy.xlsx')).toBeTruthy();
  });

  it('says a refusal in Vietnamese, by its code, next to what it is about', async () => {
    const user = userEvent.setup();
    choice.name = 'receipt';
    render(Reports);
    mocked.renderReport.mockRejectedValue(refusal('unknown_voucher', { voucher: 'PT-2026-0099' }, 'no such voucher'));
    await user.type(screen.getByLabelText(/^Số phiếu/), 'PT-2026-0099{Enter}');
    expect(await screen.findByText('Không tìm thấy phiếu PT-2026-0099')).toBeTruthy();
    expect(screen.queryByTitle(/^Xem trước:/)).toBeNull();

    mocked.renderReport.mockRejectedValue(
      refusal('invalid_choice', { field: 'Số phiếu của giấy biên nhận', input: 'PC-2026-0001', allowed: 'PT, PN' }),
    );
    await user.clear(screen.getByLabelText(/^Số phiếu/));
    await user.type(screen.getByLabelText(/^Số phiếu/), 'PC-2026-0001');
    await user.click(screen.getByRole('button', { name: 'Xem' }));
    expect(await screen.findByText('“PC-2026-0001” không hợp lệ')).toBeTruthy();
  });

  it('says why a PDF could not be written', async () => {
    const user = userEvent.setup();
    saveDialog.mockResolvedValue('/mnt/usb/bao-cao.pdf');
    mocked.savePdf.mockRejectedValue(refusal('storage', { detail: '/mnt/usb/bao-cao.pdf: Permission denied' }));
    render(Reports);
    await user.click(screen.getByRole('button', { name: 'Lưu PDF' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Lỗi lưu trữ: /mnt/usb/bao-cao.pdf: Permission denied');
    expect(screen.queryByText(/Đã lưu/)).toBeNull();
  });

  it('prints the previewed page with the print dialog', async () => {
    const user = userEvent.setup();
    render(Reports);
    await waitFor(() => expect(frameOf().getAttribute('srcdoc')).toContain('BÁO CÁO'));
    const print = vi.fn();
    frameOf().contentWindow!.print = print;
    frameOf().contentWindow!.focus = vi.fn();
    await user.click(screen.getByRole('button', { name: 'In…' }));
    expect(print).toHaveBeenCalledTimes(1);
  });
});

describe('a receipt from a voucher row', () => {
  const row: MovementRow = {
    id: 7,
    voucher: 'PT-2026-0007',
    date: '2026-02-05',
    lunar: '18/12/2025 ÂL',
    commune: 'Phú Hữu',
    program: 'rice',
    asset: 'cash',
    direction: 'in',
    amount: 1500000,
    amount_text: '1.500.000 đ',
    category: 'donation',
    party: 'Bà Huỳnh Thị Kim Chi',
    household: null,
    hamlet: null,
    households: null,
    trip: null,
    project: null,
    memo: '',
    void_reason: null,
    paper_voucher: null,
    balance: null,
  };

  it('opens the Báo cáo screen on that voucher’s receipt, shown at once', async () => {
    const user = userEvent.setup();
    mocked.appInfo.mockResolvedValue(book.info);
    mocked.listCommunes.mockResolvedValue([PHU_HUU]);
    mocked.overview.mockResolvedValue({ commune_id: 1, month: '2026-02', closed: false, programs: [], chart: [] });
    mocked.listMovements.mockResolvedValue({
      rows: [row, { ...row, id: 8, voucher: 'PC-2026-0003', direction: 'out', category: 'handout' }],
      total: 2,
    });
    show('cash');
    render(App);
    const cell = await screen.findByText('PT-2026-0007');
    expect(within(cell.closest('tr')!).getByRole('button', { name: 'In giấy biên nhận phiếu PT-2026-0007' }).textContent).toBe('Biên nhận');
    // A payment gets no receipt.
    expect(within(screen.getByText('PC-2026-0003').closest('tr')!).queryByText('Biên nhận')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'In giấy biên nhận phiếu PT-2026-0007' }));
    expect(view.screen).toBe('reports');
    expect(await screen.findByRole('heading', { name: 'Báo cáo' })).toBeTruthy();
    expect((screen.getByLabelText('Loại báo cáo') as HTMLSelectElement).value).toBe('receipt');
    expect((screen.getByLabelText(/^Số phiếu/) as HTMLInputElement).value).toBe('PT-2026-0007');
    await waitFor(() =>
      expect(mocked.renderReport).toHaveBeenCalledWith(asked({ name: 'receipt', voucher: 'PT-2026-0007' })),
    );
    await waitFor(() => expect(frameOf().getAttribute('srcdoc')).toContain('BÁO CÁO'));
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByRole('button', { name: 'Báo cáo' }).getAttribute('aria-current')).toBe('page');
  });
});

describe('report file names', () => {
  it('match the core’s names, without diacritics', () => {
    const where = { commune: 'Xã Phú Hữu', month: '2026-11' };
    const base: Choice = { name: 'monthly', all: false, program: 'rice', asset: 'cash', yearly: false, project: '', voucher: '' };
    expect(fileName(requestFor(base, where), 'Phú Hữu', 'pdf')).toBe('bao-cao-thang-2026-11-phu-huu.pdf');
    expect(fileName(requestFor({ ...base, all: true }, where), 'Phú Hữu', 'pdf')).toBe('bao-cao-thang-2026-11-cac-xa.pdf');
    expect(fileName(requestFor({ ...base, name: 'receipt', voucher: 'PN-2026-0012' }, where), 'Phú Hữu', 'pdf')).toBe(
      'bien-nhan-pn-2026-0012-phu-huu.pdf',
    );
    expect(fileName(requestFor({ ...base, name: 'fund-book', yearly: true }, where), 'Vĩnh Trường', 'xlsx')).toBe(
      'so-quy-rice-cash-2026-vinh-truong.xlsx',
    );
    expect(slug('Đa Phước')).toBe('da-phuoc');
  });
});
