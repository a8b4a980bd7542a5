// The rice handout and collection forms, as a clerk with a stack of slips uses them.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mocked, freshBook, refusal } from './support';
import { filter, setMonth } from '../lib/session.svelte';
import { setLang } from '../lib/i18n';
import RiceOutForm from '../components/RiceOutForm.svelte';
import RiceInForm from '../components/RiceInForm.svelte';

vi.mock('../lib/api', async (importOriginal) => (await import('./mock-api')).mockApi(importOriginal));

/** The message shown next to an input (its aria-describedby note). */
function noteOf(input: HTMLElement): string {
  const id = input.getAttribute('aria-describedby')?.split(' ').find((i) => i.endsWith('-note'));
  return id ? (document.getElementById(id)?.textContent ?? '') : '';
}

beforeEach(() => {
  freshBook();
  setLang('vi');
});

describe('the rice handout form (phiếu xuất kho)', () => {
  it('sends the strings exactly as typed and shows the new voucher number', async () => {
    const user = userEvent.setup();
    mocked.recordRiceOut.mockResolvedValue('PX-2026-0012');
    render(RiceOutForm);
    const date = screen.getByLabelText(/^Ngày/);
    await user.clear(date);
    await user.type(date, '05/02/2026');
    await user.type(screen.getByLabelText(/^Hộ nhận gạo/), 'nguyen van a');
    await user.type(screen.getByLabelText(/^Số ký gạo/), '12,5');
    await user.click(screen.getByRole('button', { name: /Lưu phiếu/ }));

    expect(mocked.recordRiceOut).toHaveBeenCalledWith({
      commune: 'Xã Phú Hữu',
      date: '05/02/2026',
      kg: '12,5',
      household: 'nguyen van a',
      memo: '',
    });
    expect(await screen.findByText('Đã lưu phiếu PX-2026-0012')).toBeTruthy();
  });

  it('saves on Enter and opens a fresh slip with the date kept', async () => {
    const user = userEvent.setup();
    mocked.recordRiceOut.mockResolvedValue('PX-2026-0013');
    render(RiceOutForm);
    const date = screen.getByLabelText(/^Ngày/) as HTMLInputElement;
    await user.clear(date);
    await user.type(date, '06/02/2026');
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    const kg = screen.getByLabelText(/^Số ký gạo/) as HTMLInputElement;
    await user.type(household, 'Lê Thị Hoa');
    await user.type(kg, '10{Enter}');

    await waitFor(() => expect(mocked.recordRiceOut).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(household.value).toBe(''));
    expect(kg.value).toBe('');
    expect(date.value).toBe('06/02/2026');
    expect(document.activeElement).toBe(household);
  });

  it('shows "not enough rice" next to the kg field, chosen by the error code', async () => {
    const user = userEvent.setup();
    mocked.recordRiceOut.mockRejectedValue(
      refusal('stock_too_low', {
        commune: 'Xã Phú Hữu',
        program: 'Nắm gạo tình thương',
        asset: 'gạo',
        available: '20 kg',
        requested: '25 kg',
        month: '02/2026',
      }, 'a message the window must not rely on'),
    );
    render(RiceOutForm);
    await user.type(screen.getByLabelText(/^Hộ nhận gạo/), 'Lê Thị Hoa');
    const kg = screen.getByLabelText(/^Số ký gạo/);
    await user.type(kg, '25{Enter}');

    await waitFor(() => expect(noteOf(kg)).toBe('Không đủ gạo: còn 20 kg, cần 25 kg'));
    expect(kg.getAttribute('aria-invalid')).toBe('true');
    expect((kg as HTMLInputElement).value).toBe('25');
    expect(screen.queryByText(/a message the window/)).toBeNull();

    // Correcting the amount takes the old message away.
    await user.type(kg, '{Backspace}0');
    expect(noteOf(kg)).toBe('');
    expect(kg.getAttribute('aria-invalid')).toBeNull();
  });

  it('says in English what is wrong when English is chosen', async () => {
    setLang('en');
    const user = userEvent.setup();
    mocked.recordRiceOut.mockRejectedValue(
      refusal('stock_too_low', { asset: 'gạo', available: '20 kg', requested: '25 kg', month: '02/2026' }),
    );
    render(RiceOutForm);
    await user.type(screen.getByLabelText(/^Receiving household/), 'Lê Thị Hoa');
    const kg = screen.getByLabelText(/^Rice \(kg\)/);
    await user.type(kg, '25{Enter}');
    await waitFor(() => expect(noteOf(kg)).toBe('Not enough rice: 20 kg left, 25 kg needed'));
  });

  it('puts an unknown household next to the household field', async () => {
    const user = userEvent.setup();
    mocked.recordRiceOut.mockRejectedValue(refusal('unknown_household', { name: 'Lê Văn Xyz', commune: 'Xã Phú Hữu' }));
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/);
    await user.type(household, 'Lê Văn Xyz');
    await user.type(screen.getByLabelText(/^Số ký gạo/), '10{Enter}');
    await waitFor(() => expect(noteOf(household)).toMatch(/Không có hộ “Lê Văn Xyz”/));
  });

  it('refuses an ambiguous amount before sending it, with a hint', async () => {
    const user = userEvent.setup();
    render(RiceOutForm);
    await user.type(screen.getByLabelText(/^Hộ nhận gạo/), 'Lê Thị Hoa');
    const kg = screen.getByLabelText(/^Số ký gạo/);
    await user.type(kg, '1.500{Enter}');
    await waitFor(() => expect(noteOf(kg)).toMatch(/không rõ là 1500 hay 1,500/));
    expect(mocked.recordRiceOut).not.toHaveBeenCalled();
  });

  it('clears the slip on Esc without saving', async () => {
    const user = userEvent.setup();
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    const kg = screen.getByLabelText(/^Số ký gạo/) as HTMLInputElement;
    await user.type(household, 'Lê Thị Hoa');
    await user.type(kg, '10');
    await user.keyboard('{Escape}');
    expect(household.value).toBe('');
    expect(kg.value).toBe('');
    expect(mocked.recordRiceOut).not.toHaveBeenCalled();
  });

  it('lets Backspace through inside inputs (Vietnamese typing tools rely on it)', async () => {
    const user = userEvent.setup();
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    await user.type(household, 'Nguyeenx{Backspace}{Backspace}{Backspace}ễn');
    expect(household.value).toBe('Nguyeễn');
  });

  it('completes a short date in the year being entered when the clerk leaves the field', async () => {
    const user = userEvent.setup();
    setMonth('2025-12');
    render(RiceOutForm);
    const date = screen.getByLabelText(/^Ngày/) as HTMLInputElement;
    await user.clear(date);
    await user.type(date, '5/12');
    await user.tab();
    expect(date.value).toBe('05/12/2025');
  });

  it('is shown but cannot be used while the month is closed', async () => {
    filter.closed = true;
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    expect(household.closest('fieldset')?.disabled).toBe(true);
    expect(screen.getByText(/Tháng đã khóa sổ/)).toBeTruthy();
  });

  it('finds the household typed without diacritics and writes its real name', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue([
      { id: 7, commune_id: 1, hamlet: 'Phú Hiệp', name: 'Nguyễn Văn Ánh', status: 'ngheo' },
    ]);
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    await user.type(household, 'nguyen van anh');
    await waitFor(() =>
      expect(mocked.listHouseholds).toHaveBeenLastCalledWith({ commune_id: 1, year: 2026, search: 'nguyen van anh' }),
    );
    await user.tab();
    await waitFor(() => expect(household.value).toBe('Nguyễn Văn Ánh'));
  });
});

describe('households of the same name', () => {
  const twins = [
    { id: 8, commune_id: 1, hamlet: 'Ấp Phú Hiệp', name: 'Nguyễn Văn Tư', status: 'ngheo' },
    { id: 9, commune_id: 1, hamlet: 'Ấp Phú Lợi', name: 'Nguyễn Văn Tư', status: null },
    { id: 10, commune_id: 1, hamlet: 'Ấp Phú Lợi', name: 'Nguyễn Văn Tứ', status: null },
  ];

  it('are offered with their hamlet, and the one chosen is the one sent', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue(twins);
    mocked.recordRiceOut.mockResolvedValue('PX-2026-0014');
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    await user.type(household, 'nguyen van tu');
    const offers = await screen.findAllByRole('option', { name: /^Nguyễn Văn T/ });
    expect(offers.map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Nguyễn Văn Tư (Ấp Phú Hiệp) Hộ nghèo',
      'Nguyễn Văn Tư (Ấp Phú Lợi)',
      'Nguyễn Văn Tứ Ấp Phú Lợi',
    ]);
    // The offers are chosen from the field itself (↓ ↓ Enter): Tab would go on to the kg field.
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(household.value).toBe('Nguyễn Văn Tư (Ấp Phú Lợi)'));
    // The offer chosen is confirmed beside the field; searched again, it is searched by its name
    // alone (the core knows no household called “… (Ấp Phú Lợi)”).
    await waitFor(() => expect(noteOf(household)).toBe('✓ Nguyễn Văn Tư (Ấp Phú Lợi)'));
    await user.type(household, ' ');
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(mocked.listHouseholds).toHaveBeenLastCalledWith({ commune_id: 1, year: 2026, search: 'Nguyễn Văn Tư' }));
    await user.type(screen.getByLabelText(/^Số ký gạo/), '10{Enter}');
    await waitFor(() =>
      expect(mocked.recordRiceOut).toHaveBeenCalledWith(
        expect.objectContaining({ household: 'Nguyễn Văn Tư (Ấp Phú Lợi)', kg: '10' }),
      ),
    );
  });

  it('fills in only what the core would choose: the exact spelling, never a look-alike', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue(twins);
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    await user.type(household, 'Nguyễn Văn Tứ');
    await waitFor(() => expect(noteOf(household)).toBe('✓ Nguyễn Văn Tứ · Ấp Phú Lợi'));
    await user.clear(household);
    // Both Tư and Tứ live in Phú Lợi, so the core says "type the diacritics": nothing is filled in.
    await user.type(household, 'nguyen van tu (ap phu loi)');
    await waitFor(() => expect(mocked.listHouseholds).toHaveBeenLastCalledWith({ commune_id: 1, year: 2026, search: 'nguyen van tu' }));
    await user.tab();
    expect(household.value).toBe('nguyen van tu (ap phu loi)');
  });

  it('offers the names as typed first, and the one without a hamlet as “chưa có ấp”', async () => {
    const user = userEvent.setup();
    const others = Array.from({ length: 9 }, (_, i) => ({
      id: 20 + i, commune_id: 1, hamlet: 'Ấp Phú Hiệp', name: `Lê Nguyễn Văn Tư ${i + 1}`, status: null,
    }));
    mocked.listHouseholds.mockResolvedValue([
      ...others,
      { id: 8, commune_id: 1, hamlet: null, name: 'Nguyễn Văn Tư', status: null },
      { id: 9, commune_id: 1, hamlet: 'Ấp Phú Lợi', name: 'Nguyễn Văn Tư', status: 'kho_khan' },
    ]);
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    await user.type(household, 'nguyen van tu');
    const offers = await screen.findAllByRole('option', { name: /Văn Tư/ });
    expect(offers).toHaveLength(8);
    expect(offers.slice(0, 2).map((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Nguyễn Văn Tư (chưa có ấp)',
      'Nguyễn Văn Tư (Ấp Phú Lợi) Hoàn cảnh khó khăn',
    ]);
    await user.click(offers[0]);
    expect(household.value).toBe('Nguyễn Văn Tư (chưa có ấp)');
  });

  it('says next to the field how to choose when only the name is typed', async () => {
    const user = userEvent.setup();
    mocked.recordRiceOut.mockRejectedValue(
      refusal('same_name_household', {
        name: 'Nguyễn Văn Tư',
        count: 2,
        candidates: 'Nguyễn Văn Tư (Ấp Phú Hiệp), Nguyễn Văn Tư (Ấp Phú Lợi)',
        example: 'Nguyễn Văn Tư (Ấp Phú Hiệp)',
      }),
    );
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/);
    await user.type(household, 'Nguyễn Văn Tư');
    await user.type(screen.getByLabelText(/^Số ký gạo/), '10{Enter}');
    await waitFor(() =>
      expect(noteOf(household)).toBe(
        'Có 2 hộ tên này — chọn trong gợi ý hoặc gõ thêm ấp, ví dụ “Nguyễn Văn Tư (Ấp Phú Hiệp)”',
      ),
    );
    expect(document.activeElement).toBe(household);
  });
});

describe('the collection form (phiếu nhập kho)', () => {
  it('remembers the date and the hamlet for the next slip and the next session', async () => {
    const user = userEvent.setup();
    mocked.recordRiceIn.mockResolvedValue('PN-2026-0003');
    const first = render(RiceInForm);
    const date = screen.getByLabelText(/^Ngày/) as HTMLInputElement;
    await user.clear(date);
    await user.type(date, '02/02/2026');
    await user.type(screen.getByLabelText(/^Ấp/), 'Phú Hiệp');
    await user.type(screen.getByLabelText(/^Số ký gạo/), '150,5');
    await user.type(screen.getByLabelText(/^Số hộ góp/), '35{Enter}');

    await waitFor(() =>
      expect(mocked.recordRiceIn).toHaveBeenCalledWith({
        commune: 'Xã Phú Hữu',
        date: '02/02/2026',
        kg: '150,5',
        hamlet: 'Phú Hiệp',
        households: '35',
        party: null,
        memo: '',
      }),
    );
    await screen.findByText('Đã lưu phiếu PN-2026-0003');
    const hamlet = screen.getByLabelText(/^Ấp/) as HTMLInputElement;
    expect(hamlet.value).toBe('Phú Hiệp');
    // The next slip starts at the hamlet, its name selected so that typing replaces it.
    expect(document.activeElement).toBe(hamlet);
    expect(hamlet.selectionStart).toBe(0);
    expect(hamlet.selectionEnd).toBe('Phú Hiệp'.length);
    first.unmount();

    render(RiceInForm);
    expect((screen.getByLabelText(/^Ngày/) as HTMLInputElement).value).toBe('02/02/2026');
    expect((screen.getByLabelText(/^Ấp/) as HTMLInputElement).value).toBe('Phú Hiệp');
  });

  it('shows the lunar date beside the date and fills the date from "Rằm tháng …"', async () => {
    const user = userEvent.setup();
    mocked.ram.mockResolvedValue('03/03/2026');
    render(RiceInForm);
    await waitFor(() => expect(screen.getByTitle('Ngày âm lịch').textContent).toMatch(/ÂL\s*Rằm tháng 1\s*Bính Ngọ/));
    await user.selectOptions(screen.getByLabelText(/Chọn ngày rằm/), 'Rằm tháng 2');
    await waitFor(() => expect(mocked.ram).toHaveBeenCalledWith({ year: 2026, month: 2, leap: false }));
    await waitFor(() => expect((screen.getByLabelText(/^Ngày/) as HTMLInputElement).value).toBe('03/03/2026'));
  });
});
