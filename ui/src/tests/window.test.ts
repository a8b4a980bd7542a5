// The window as a whole: first run, a book that cannot be opened, the screens and the filter bar.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mocked, freshBook, PHU_HUU, refusal } from './support';
import { setLang } from '../lib/i18n';
import { filter, show, view } from '../lib/session.svelte';
import App from '../App.svelte';
import Chart from '../components/Chart.svelte';
import type { Overview } from '../lib/bindings/Overview';

vi.mock('../lib/api', async (importOriginal) => (await import('./mock-api')).mockApi(importOriginal));

const info = { version: '0.1.0', book_path: '/home/a/so.db', book_error: null, first_run: false, licence: 'MIT', fingerprint: 'ab12' };

function overview(closed = false): Overview {
  const fund = (program: 'rice' | 'transport' | 'repair') => ({
    program,
    opening_cash: '1000000',
    cash_in: '500000',
    cash_out: '200000',
    closing_cash: '1300000',
    opening_rice: program === 'rice' ? '840.5' : '0',
    rice_in: program === 'rice' ? '700' : '0',
    rice_out: program === 'rice' ? '650' : '0',
    closing_rice: program === 'rice' ? '890.5' : '0',
    entries: 12,
  });
  return {
    commune_id: 1,
    month: '2026-02',
    closed,
    programs: [fund('rice'), fund('transport'), fund('repair')],
    chart: Array.from({ length: 12 }, (_, i) => ({
      month: `2025-${String(i + 1).padStart(2, '0')}`.replace('2025-13', '2026-01'),
      cash_in: '1000000',
      cash_out: '500000',
      rice_in: '800',
      rice_out: '700',
    })),
  };
}

beforeEach(() => {
  freshBook();
  setLang('vi');
  mocked.appInfo.mockResolvedValue(info);
  mocked.listCommunes.mockResolvedValue([PHU_HUU]);
  mocked.overview.mockResolvedValue(overview());
  show('overview');
});

describe('the window', () => {
  it('opens on the overview of the remembered commune and month, in Vietnamese', async () => {
    render(App);
    expect(await screen.findByRole('heading', { name: 'Tổng quan Xã Phú Hữu — tháng 02/2026' })).toBeTruthy();
    expect(mocked.overview).toHaveBeenCalledWith({ commune_id: 1, month: '2026-02' });
    expect(await screen.findByText('890,5 kg', { selector: '.tile .value' })).toBeTruthy();
    const nav = screen.getByRole('navigation');
    const buttons = within(nav).getAllByRole('button');
    // Each screen is one key away, the key written beside it: Alt+1 … Alt+9.
    expect(buttons.map((b) => b.getAttribute('aria-keyshortcuts'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Alt+${n}`));
    expect(buttons.map((b) => b.querySelector('.label')?.textContent?.trim())).toEqual([
      'Tổng quan',
      'Nắm gạo',
      'Xe chuyển bệnh',
      'Cầu đường',
      'Thu chi',
      'Báo cáo',
      'Danh mục',
      'Cài đặt',
      'Nhập từ sổ cũ',
    ]);
  });

  it('shows a closed month locked, with a banner, and reopens it after asking', async () => {
    const user = userEvent.setup();
    mocked.monthClosed.mockResolvedValue(true);
    mocked.overview.mockResolvedValue(overview(true));
    mocked.reopenMonth.mockResolvedValue(null);
    render(App);
    expect(await screen.findByText(/Tháng 02\/2026 của Xã Phú Hữu đã khóa sổ/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Mở sổ lại' }));
    const dialog = await screen.findByRole('dialog');
    mocked.monthClosed.mockResolvedValue(false);
    mocked.overview.mockResolvedValue(overview(false));
    await user.click(within(dialog).getByRole('button', { name: 'Mở sổ lại' }));
    expect(mocked.reopenMonth).toHaveBeenCalledWith({ commune: 'Xã Phú Hữu', month: '2026-02' });
    await waitFor(() => expect(filter.closed).toBe(false));
  });

  it('moves the month with the arrows and remembers it', async () => {
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('heading', { name: /Tổng quan/ });
    await user.click(screen.getByRole('button', { name: 'Tháng trước' }));
    expect(filter.month).toBe('2026-01');
    expect(localStorage.getItem('stt.month')).toBe('2026-01');
    await waitFor(() => expect(mocked.overview).toHaveBeenLastCalledWith({ commune_id: 1, month: '2026-01' }));
  });

  it('starts a new book with the first-run set-up', async () => {
    const user = userEvent.setup();
    mocked.appInfo.mockResolvedValueOnce({ ...info, first_run: true });
    mocked.setupBook.mockResolvedValue(info);
    render(App);
    expect(await screen.findByRole('heading', { name: 'Chào mừng đến với Sổ Tình Thương' })).toBeTruthy();
    await user.click(screen.getByLabelText(/Tự nhập danh sách xã/));
    await user.type(screen.getByLabelText('Mỗi dòng một xã'), 'Phú Hữu{Enter}Vĩnh Lộc');
    await user.type(screen.getByLabelText('Tổ chức giữ sổ'), 'Ban công tác Mặt trận xã Phú Hữu');
    await user.type(screen.getByLabelText('Chủ tịch'), 'Phạm Văn Thành');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu ghi sổ' }));
    await waitFor(() => expect(mocked.setupBook).toHaveBeenCalled());
    const input = mocked.setupBook.mock.calls[0][0];
    expect(input.preset).toBeNull();
    expect(input.communes).toEqual(['Phú Hữu', 'Vĩnh Lộc']);
    expect(input.office).toMatchObject({ organisation: 'Ban công tác Mặt trận xã Phú Hữu', chairman: 'Phạm Văn Thành' });
    // The book is made: its opening balances come next, and may be left for later.
    expect(await screen.findByRole('heading', { name: 'Số dư đầu kỳ', level: 1 })).toBeTruthy();
    expect(await screen.findByText('Chưa có số dư đầu kỳ: sổ bắt đầu từ số không.')).toBeTruthy();
    mocked.appInfo.mockResolvedValueOnce(info);
    await user.click(screen.getByRole('button', { name: 'Xong, vào sổ' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Xong, vào sổ' })).toBeNull());
  });

  it('says plainly when the book cannot be opened, and offers another', async () => {
    mocked.appInfo.mockResolvedValue({
      ...info,
      book_error: { code: 'schema_too_new', message: 'x', details: { found: 9, supported: 4 } },
    });
    render(App);
    expect(await screen.findByRole('heading', { name: 'Không mở được sổ' })).toBeTruthy();
    expect(screen.getByText(/phiên bản mới hơn/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mở sổ này' })).toBeTruthy();
  });

  it('switches to English from Settings, with no Vietnamese label left in the navigation', async () => {
    const user = userEvent.setup();
    mocked.getOffice.mockResolvedValue({ parent_body: '', issuing_body: '', organisation: '', place: '', preparer: '', accountant: '', cashier: '', chairman: '' });
    show('settings');
    render(App);
    await user.click(await screen.findByLabelText('English'));
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByRole('button', { name: /Rice/ })).toBeTruthy();
    expect(within(nav).queryByText('Nắm gạo')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(view.screen).toBe('settings');
  });

  it('shows a refusal to open another book in plain words', async () => {
    const user = userEvent.setup();
    mocked.getOffice.mockResolvedValue({ parent_body: '', issuing_body: '', organisation: '', place: '', preparer: '', accountant: '', cashier: '', chairman: '' });
    mocked.openBook.mockRejectedValue(refusal('not_a_book', { path: '/tmp/x.txt', detail: 'file is not a database' }));
    show('settings');
    render(App);
    await user.type(await screen.findByLabelText('Đường dẫn tệp sổ khác'), '/tmp/x.txt');
    await user.click(screen.getByRole('button', { name: 'Mở sổ này' }));
    expect(await screen.findByText(/Tệp \/tmp\/x.txt không phải sổ Sổ Tình Thương/)).toBeTruthy();
  });
});

describe('the chart', () => {
  it('draws a pair of bars per month with the exact figures in their tooltips', () => {
    const { container } = render(Chart, {
      title: 'Gạo',
      unit: 'kg',
      inLabel: 'Nhập',
      outLabel: 'Xuất',
      points: [
        { month: '2026-01', in: '812.5', out: '640' },
        { month: '2026-02', in: '700', out: '0' },
      ],
    });
    expect(container.querySelectorAll('rect.bar-in')).toHaveLength(2);
    expect(container.querySelectorAll('rect.bar-out')).toHaveLength(2);
    expect([...container.querySelectorAll('rect title')].map((t) => t.textContent)).toContain('01/2026 · Nhập: 812,5 kg');
  });
});
