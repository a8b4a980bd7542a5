// Typing ahead of the screen: a name field's offers never take a Tab meant for the next field, an
// offer is taken only by ↓/Enter, and keys typed while a slip is being saved go to the next slip.
// (The real window does the same at zero delay between keys: tests/e2e/type-ahead.test.mjs.)
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mocked, freshBook } from './support';
import { setLang } from '../lib/i18n';
import RiceOutForm from '../components/RiceOutForm.svelte';
import RiceInForm from '../components/RiceInForm.svelte';
import { rememberHamlet } from '../lib/session.svelte';

vi.mock('../lib/api', async (importOriginal) => (await import('./mock-api')).mockApi(importOriginal));

beforeEach(() => {
  freshBook();
  setLang('vi');
});

/** A promise and the function that settles it, for a reply that comes when the test says. */
function later<T>(): { promise: Promise<T>; settle: (v: T) => void } {
  let settle!: (v: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, settle };
}

const households = [
  { id: 1, commune_id: 1, hamlet: 'Ấp Phú Hiệp', name: 'Nguyễn Văn Ba', status: 'ngheo' },
  { id: 2, commune_id: 1, hamlet: 'Ấp Phú Hiệp', name: 'Nguyễn Văn Bảy', status: null },
];

describe('a name field typed ahead of its offers', () => {
  it('lets Tab go to the next field while the offers are still coming, and keeps every key there', async () => {
    const user = userEvent.setup();
    const reply = later<typeof households>();
    mocked.listHouseholds.mockReturnValue(reply.promise);
    mocked.recordRiceOut.mockResolvedValue('PX-2026-0001');
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    const kg = screen.getByLabelText(/^Số ký gạo/) as HTMLInputElement;
    household.focus();
    await user.keyboard('nguyen van ba{Tab}40');
    expect(document.activeElement).toBe(kg);
    expect(kg.value).toBe('40');
    // The offers come late: the list neither opens on the field left behind nor takes the focus.
    reply.settle(households);
    await waitFor(() => expect(household.value).toBe('Nguyễn Văn Ba'), { timeout: 1000 });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(kg);
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(mocked.recordRiceOut).toHaveBeenCalledWith(expect.objectContaining({ household: 'Nguyễn Văn Ba', kg: '40' })),
    );
  });

  it('takes an offer only by ↓ and Enter; Enter alone saves what was typed', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue(households);
    mocked.recordRiceOut.mockResolvedValue('PX-2026-0002');
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    await user.type(household, 'nguyen van b');
    const list = await screen.findByRole('listbox');
    expect(within(list).getAllByRole('option')).toHaveLength(2);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(within(list).getAllByRole('option')[1].getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    expect(household.value).toBe('Nguyễn Văn Bảy');
    expect(document.activeElement).toBe(household);
    expect(mocked.recordRiceOut).not.toHaveBeenCalled();
    // Typing again forgets the choice: Enter saves the slip as typed (the core decides the name).
    await user.type(screen.getByLabelText(/^Số ký gạo/), '10');
    await user.clear(household);
    await user.type(household, 'nguyen van b');
    await screen.findByRole('listbox');
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(mocked.recordRiceOut).toHaveBeenCalledWith(expect.objectContaining({ household: 'nguyen van b', kg: '10' })),
    );
  });

  it('takes the chosen offer even when ↓ Enter come before the offers do', async () => {
    const user = userEvent.setup();
    const reply = later<typeof households>();
    mocked.listHouseholds.mockReturnValue(reply.promise);
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    household.focus();
    await user.keyboard('nguyen van b{ArrowDown}{ArrowDown}{Enter}');
    expect(household.value).toBe('nguyen van b');
    reply.settle(households);
    await waitFor(() => expect(household.value).toBe('Nguyễn Văn Bảy'));
    expect(mocked.recordRiceOut).not.toHaveBeenCalled();
  });

  it('closes the offers with Esc and keeps the slip; a second Esc clears it', async () => {
    const user = userEvent.setup();
    mocked.listHouseholds.mockResolvedValue(households);
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    const kg = screen.getByLabelText(/^Số ký gạo/) as HTMLInputElement;
    await user.type(kg, '12');
    await user.type(household, 'nguyen van b');
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(kg.value).toBe('12');
    await user.keyboard('{Escape}');
    expect(kg.value).toBe('');
    expect(household.value).toBe('');
  });
});

describe('typing the next slip while one is being saved', () => {
  it('puts the keys typed during the save into the next slip, over the remembered hamlet', async () => {
    const user = userEvent.setup();
    rememberHamlet(1, 'Vĩnh Thạnh');
    mocked.listHamlets.mockResolvedValue([
      { id: 1, commune_id: 1, name: 'Vĩnh Thạnh', valid_from: null, valid_to: null },
      { id: 2, commune_id: 1, name: 'Vĩnh Phú', valid_from: null, valid_to: null },
    ]);
    const saved = later<string>();
    mocked.recordRiceIn.mockReturnValue(saved.promise);
    render(RiceInForm);
    const hamlet = screen.getByLabelText(/^Ấp/) as HTMLInputElement;
    const kg = screen.getByLabelText(/^Số ký gạo/) as HTMLInputElement;
    await user.type(kg, '62{Enter}');
    // The save is under way: the next slip's hamlet is typed at once.
    await user.keyboard('Vĩnh Phú');
    expect(kg.value, 'nothing of the next slip lands in the slip being saved').toBe('62');
    saved.settle('PN-2026-0001');
    await waitFor(() => expect(hamlet.value).toBe('Vĩnh Phú'));
    expect(document.activeElement).toBe(hamlet);
    expect(kg.value).toBe('');
    expect(mocked.recordRiceIn).toHaveBeenCalledWith(expect.objectContaining({ hamlet: 'Vĩnh Thạnh', kg: '62' }));
  });

  it('drops the keys typed during a save that the core refuses, leaving the slip as it was', async () => {
    const user = userEvent.setup();
    const saved = later<string>();
    mocked.recordRiceOut.mockReturnValue(saved.promise.then(() => Promise.reject({ code: 'stock_too_low', message: 'x', details: { available: '1 kg', requested: '40 kg', asset: 'gạo' } })));
    render(RiceOutForm);
    const household = screen.getByLabelText(/^Hộ nhận gạo/) as HTMLInputElement;
    const kg = screen.getByLabelText(/^Số ký gạo/) as HTMLInputElement;
    await user.type(household, 'Nguyễn Văn Ba');
    await user.type(kg, '40{Enter}');
    await user.keyboard('Trần');
    saved.settle('');
    await waitFor(() => expect(kg.getAttribute('aria-invalid')).toBe('true'));
    expect(household.value).toBe('Nguyễn Văn Ba');
    expect(kg.value).toBe('40');
  });
});
