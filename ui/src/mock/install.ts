// Preview only: answers the window's IPC from an in-memory book (see book.ts). URL switches:
// ?mock=first shows the first run, ?mock=broken a book made by a newer version, ?mock=damaged a
// damaged book file; ?screen=rice and ?lang=en choose what the window remembers, for screenshots.
import { mockIPC } from '@tauri-apps/api/mocks';
import { MockBook } from './book';

export function installMock(): void {
  const query = new URLSearchParams(location.search);
  const mode = query.get('mock');
  for (const key of ['screen', 'lang', 'month', 'rice.tab', 'cash.program', 'catalog.tab']) {
    const value = query.get(key);
    if (value) localStorage.setItem(`stt.${key}`, value);
  }
  const book = new MockBook({ firstRun: mode === 'first', bookError: mode === 'broken', damaged: mode === 'damaged' });
  mockIPC((cmd, args) => {
    // why: the real commands run off the main thread; a small delay keeps the UI honest.
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(book.handle(cmd, (args ?? {}) as Record<string, unknown>));
        } catch (e) {
          reject(e);
        }
      }, 15),
    );
  });
}
