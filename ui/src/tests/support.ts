// Shared set-up of the component tests: the IPC is mocked (every function of lib/api becomes a
// vi.fn), a small book is placed in the window's state, and refusals are built like the core's.
import type { vi } from 'vitest';
import * as api from '../lib/api';
import { AppError } from '../lib/api';
import { book, filter, setCommune, setMonth } from '../lib/session.svelte';
import type { Commune } from '../lib/bindings/Commune';

/** The mocked api, typed. */
export const mocked = api as unknown as { [K in keyof typeof api]: ReturnType<typeof vi.fn> };

export const PHU_HUU: Commune = {
  id: 1,
  uuid: 'c-1',
  name: 'Phú Hữu',
  kind: 'xa',
  district: '',
  province: 'An Giang',
  valid_from: null,
  valid_to: null,
  became_part_of: null,
  received_from: null,
};

/** A refusal as the core sends it. */
export function refusal(code: string, details: Record<string, unknown> = {}, message = code): AppError {
  return new AppError({ code, message, details });
}

/** A fresh window: one commune, February 2026 open, nothing remembered, quiet lookups. */
export function freshBook(): void {
  localStorage.clear();
  book.info = {
    version: '0.1.0',
    book_path: '/tmp/so.db',
    book_error: null,
    first_run: false,
    licence: 'MIT',
    fingerprint: 'abcd',
  };
  book.communes = [PHU_HUU];
  book.loading = false;
  book.error = '';
  setCommune(1);
  setMonth('2026-02');
  filter.closed = false;
  // why: the short lists (hamlets, destinations…) are kept per version of the books.
  filter.version += 1;
  for (const fn of Object.values(mocked)) if (typeof fn?.mockReset === 'function') fn.mockReset();
  mocked.lunar.mockImplementation(async ({ date }: { date: string }) => ({
    solar: date,
    text: '15/01/2026 ÂL',
    day: 15,
    month: 1,
    year: 2026,
    leap: false,
    can_chi: 'Bính Ngọ',
  }));
  mocked.listHouseholds.mockResolvedValue([]);
  mocked.listHamlets.mockResolvedValue([]);
  mocked.listParties.mockResolvedValue([]);
  mocked.listDestinations.mockResolvedValue([]);
  mocked.listDrivers.mockResolvedValue([]);
  mocked.listVehicles.mockResolvedValue([]);
  mocked.listMovements.mockResolvedValue({ rows: [], total: 0 });
  mocked.monthClosed.mockResolvedValue(false);
  mocked.backupFolder.mockResolvedValue({ folder: '/home/a/Sao lưu', is_default: true, default_folder: '/home/a/Sao lưu', last: null, last_error: null });
  mocked.listBackups.mockResolvedValue([]);
  mocked.listOpenings.mockResolvedValue([]);
}
