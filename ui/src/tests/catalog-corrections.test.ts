// Danh mục as a clerk corrects it: a misspelt household, hamlet or donor fixed in place, two
// donors that are one person merged, and the opening balances the books start from.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mocked, freshBook, refusal } from './support';
import { setLang } from '../lib/i18n';
import { correction } from '../lib/corrections';
import Households from '../components/catalog/Households.svelte';
import Hamlets from '../components/catalog/Hamlets.svelte';
import Named from '../components/catalog/Named.svelte';
import Openings from '../components/catalog/Openings.svelte';

vi.mock('../lib/api', async (importOriginal) => (await import('./mock-api')).mockApi(importOriginal));

const HOA = { id: 7, commune_id: 1, hamlet: 'Ấp Phú Hiệp', name: 'Nguyễn Thị Hoa', status: 'ngheo' as const };

beforeEach(() => {
  freshBook();
  setLang('vi');
});

describe('a correction sends only what the clerk changed', () => {
  it('leaves every part null when nothing changed', () => {
    expect(correction(HOA, { name: ' Nguyễn Thị Hoa ', hamlet: 'Ấp Phú Hiệp', status: 'ngheo' }, 2026)).toEqual({
      id: 7,
      name: null,
      hamlet: null,
      year: 2026,
      status: null,
    });
  });
  it('sends a blank hamlet as "no hamlet", and a new standing for the year', () => {
    expect(correction(HOA, { name: 'Nguyễn Thị Hòa', hamlet: '', status: 'can_ngheo' }, 2025)).toEqual({
      id: 7,
      name: 'Nguyễn Thị Hòa',
      hamlet: '',
      year: 2025,
      status: 'can_ngheo',
    });
  });
});

describe('Danh mục → Hộ gia đình: a household corrected', () => {
  it('opens the household in the form above the list and saves the new name in one command', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue([HOA]);
    mocked.correctHousehold.mockResolvedValue({ ...HOA, name: 'Nguyễn Thị Hòa' });
    render(Households);
    await user.click(await screen.findByRole('button', { name: 'Sửa Nguyễn Thị Hoa' }));
    const name = screen.getByLabelText(/^Tên chủ hộ/) as HTMLInputElement;
    expect(name.value).toBe('Nguyễn Thị Hoa');
    await user.clear(name);
    await user.type(name, 'Nguyễn Thị Hòa{Enter}');
    expect(mocked.correctHousehold).toHaveBeenCalledWith({ id: 7, name: 'Nguyễn Thị Hòa', hamlet: null, year: 2026, status: null });
    expect(await screen.findByText(/Đã sửa: Nguyễn Thị Hòa/)).toBeTruthy();
    // Back to adding households, the list read again.
    expect(screen.getByRole('heading', { name: /Thêm hộ của Xã Phú Hữu/ })).toBeTruthy();
  });

  it('shows a twin refused next to the name, keeps the form, and Esc goes back without a write', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue([HOA]);
    mocked.correctHousehold.mockRejectedValue(
      refusal('duplicate_household', { label: 'Trần Văn Bé (Ấp Phú Hiệp)', name: 'Trần Văn Bé' }),
    );
    render(Households);
    await user.click(await screen.findByRole('button', { name: 'Sửa Nguyễn Thị Hoa' }));
    const name = screen.getByLabelText(/^Tên chủ hộ/);
    await user.clear(name);
    await user.type(name, 'Trần Văn Bé{Enter}');
    await waitFor(() => expect(screen.getByText(/Trần Văn Bé \(Ấp Phú Hiệp\)/)).toBeTruthy());
    expect(screen.getByRole('heading', { name: 'Sửa hộ Nguyễn Thị Hoa' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('heading', { name: /Thêm hộ của/ })).toBeTruthy();
    expect(mocked.correctHousehold).toHaveBeenCalledTimes(1);
  });

  it('refuses a blank name before asking the core', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue([HOA]);
    render(Households);
    await user.click(await screen.findByRole('button', { name: 'Sửa Nguyễn Thị Hoa' }));
    await user.clear(screen.getByLabelText(/^Tên chủ hộ/));
    await user.keyboard('{Enter}');
    expect(mocked.correctHousehold).not.toHaveBeenCalled();
  });
});

describe('Danh mục: hamlets and donors renamed, donors merged', () => {
  it('renames a hamlet', async () => {
    const user = userEvent.setup();
    mocked.listHamlets.mockResolvedValue([{ id: 3, commune_id: 1, name: 'Ấp Phú Hiep', valid_from: null, valid_to: null }]);
    mocked.renameHamlet.mockResolvedValue({ id: 3, commune_id: 1, name: 'Ấp Phú Hiệp', valid_from: null, valid_to: null });
    render(Hamlets);
    await user.click(await screen.findByRole('button', { name: 'Sửa Ấp Phú Hiep' }));
    const name = screen.getByLabelText(/^Tên ấp/);
    await user.clear(name);
    await user.type(name, 'Ấp Phú Hiệp{Enter}');
    expect(mocked.renameHamlet).toHaveBeenCalledWith({ id: 3, name: 'Ấp Phú Hiệp' });
    expect(await screen.findByText(/Đã sửa: Ấp Phú Hiệp/)).toBeTruthy();
  });

  it('merges a donor typed twice into the one kept, and never offers the anonymous donor', async () => {
    const user = userEvent.setup();
    const parties = [
      { id: 1, name: 'Nhà hảo tâm', detail: 'anonymous' },
      { id: 4, name: 'Cô Tư bán tạp hóa', detail: 'person' },
      { id: 5, name: 'Cô Tư tạp hóa', detail: 'person' },
    ];
    mocked.listParties.mockResolvedValue(parties);
    mocked.mergeParties.mockResolvedValue(parties[1]);
    render(Named, { load: async () => parties, nameLabel: 'Tên người, đơn vị', detailLabel: 'Loại', note: '', register: 'party' });
    expect(await screen.findByText('Nhà hảo tâm')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sửa Nhà hảo tâm' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sửa Cô Tư tạp hóa' }));
    await user.type(screen.getByLabelText(/^Gộp vào/), 'Cô Tư bán tạp hóa');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(mocked.mergeParties).toHaveBeenCalledWith({ from: 5, into: 'Cô Tư bán tạp hóa' }));
    expect(mocked.renameNamed).not.toHaveBeenCalled();
  });

  it('renames a driver through the named list of drivers', async () => {
    const user = userEvent.setup();
    const drivers = [{ id: 2, name: 'Lê Văn Tám', detail: '' }];
    mocked.renameNamed.mockResolvedValue({ id: 2, name: 'Lê Văn Tâm', detail: '' });
    render(Named, { load: async () => drivers, nameLabel: 'Tài xế', detailLabel: 'Điện thoại', note: '', register: 'driver' });
    await user.click(await screen.findByRole('button', { name: 'Sửa Lê Văn Tám' }));
    const name = screen.getByLabelText(/^Tài xế/);
    await user.clear(name);
    await user.type(name, 'Lê Văn Tâm{Enter}');
    expect(mocked.renameNamed).toHaveBeenCalledWith({ register: 'driver', id: 2, name: 'Lê Văn Tâm' });
  });
});

describe('Danh mục → Số dư đầu kỳ', () => {
  it('saves the rice fund and the rice in store on the start date, as typed', async () => {
    const user = userEvent.setup();
    mocked.listOpenings.mockResolvedValue([]);
    mocked.setOpening.mockResolvedValue([]);
    render(Openings);
    expect(await screen.findByText('Chưa có số dư đầu kỳ: sổ bắt đầu từ số không.')).toBeTruthy();
    await user.type(screen.getByLabelText(/^Ngày bắt đầu sổ/), '01/10/2026');
    await user.type(screen.getByLabelText(/^Tiền mặt tồn quỹ/), '2.350.000');
    await user.type(screen.getByLabelText(/^Gạo tồn kho/), '840,5{Enter}');
    expect(mocked.setOpening).toHaveBeenCalledWith({
      commune: 'Xã Phú Hữu',
      program: 'rice',
      date: '01/10/2026',
      cash: '2.350.000',
      kg: '840,5',
    });
    expect(await screen.findByText(/Đã lưu số dư đầu kỳ của Nắm gạo tình thương/)).toBeTruthy();
  });

  it('asks for an amount rather than saving nothing, and places a closed month on the date', async () => {
    const user = userEvent.setup();
    mocked.listOpenings.mockResolvedValue([]);
    render(Openings);
    await user.type(await screen.findByLabelText(/^Ngày bắt đầu sổ/), '01/10/2026{Enter}');
    expect(await screen.findByText(/Nhập số tiền hoặc số ký gạo/)).toBeTruthy();
    expect(mocked.setOpening).not.toHaveBeenCalled();
    mocked.setOpening.mockRejectedValue(refusal('month_closed', { commune: 'Xã Phú Hữu', month: '10/2026' }));
    await user.type(screen.getByLabelText(/^Tiền mặt tồn quỹ/), '0{Enter}');
    await waitFor(() => expect(mocked.setOpening).toHaveBeenCalled());
    const date = screen.getByLabelText(/^Ngày bắt đầu sổ/);
    await waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'));
  });

  it('lists what is saved, with the start date offered for the next program', async () => {
    mocked.listOpenings.mockResolvedValue([
      { commune_id: 1, commune: 'Xã Phú Hữu', program: 'rice', asset: 'cash', date: '2026-10-01', amount: '2.350.000 đ', stored: 2350000 },
      { commune_id: 1, commune: 'Xã Phú Hữu', program: 'rice', asset: 'rice', date: '2026-10-01', amount: '840,5 kg', stored: 840500 },
    ]);
    render(Openings);
    expect(await screen.findByText('840,5 kg')).toBeTruthy();
    expect(screen.getByText('2.350.000 đ')).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText(/^Ngày bắt đầu sổ/) as HTMLInputElement).value).toBe('01/10/2026'));
  });
});
