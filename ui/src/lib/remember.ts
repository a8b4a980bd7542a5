// What the window remembers between slips and between sessions: the filter (commune, month), the
// last date typed, the last hamlet of each commune. Kept in the webview's local storage, which
// belongs to this app alone; a missing or broken store just means starting fresh.

const PREFIX = 'stt.';

export function recall(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(PREFIX + key) ?? null;
  } catch {
    return null;
  }
}

export function keep(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(PREFIX + key);
    else globalThis.localStorage?.setItem(PREFIX + key, value);
  } catch {
    // why: remembering is a comfort; the entry itself is already saved by the core.
  }
}
