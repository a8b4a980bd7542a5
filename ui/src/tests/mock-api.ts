// The factory for vi.mock('../lib/api'): every command becomes a vi.fn; AppError stays real.
// Kept apart from support.ts because vi.mock's factory runs before the test file's imports.
import { vi } from 'vitest';

export async function mockApi(importOriginal: () => Promise<unknown>) {
  const real = (await importOriginal()) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(real).map(([name, value]) => [
      name,
      typeof value === 'function' && name !== 'AppError' ? vi.fn() : value,
    ]),
  );
}
