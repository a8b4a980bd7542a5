// Backups and restore in the window: a backup by hand, a restore that asks first and says where
// the old book went, and the page for a book that cannot be opened.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { open } from '@tauri-apps/plugin-dialog';
import { mocked, freshBook, refusal } from './support';
import { setLang } from '../lib/i18n';
import { book, view, show } from '../lib/session.svelte';
import { backups } from '../lib/backups.svelte';
import BackupPanel from '../components/BackupPanel.svelte';
import RestorePanel from '../components/RestorePanel.svelte';
import BookProblem from '../screens/BookProblem.svelte';
import type { BackupFile } from '../lib/bindings/BackupFile';
import type { CommandError } from '../lib/bindings/CommandError';

vi.mock('../lib/api', async (importOriginal) => (await import('./mock-api')).mockApi(importOriginal));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

const dialog = vi.mocked(open);

const info = { version: '0.1.0', book_path: '/home/a/so.db', book_error: null, first_run: false, licence: 'MIT', fingerprint: 'ab12' };

const AUTO: BackupFile = {
  path: '/home/a/Sao lưu/so-2026-02-15-tu-dong.db',
  name: 'so-2026-02-15-tu-dong.db',
  book: 'so',
  day: '2026-02-15',
  made: '2026-02-15 17:42',
  bytes: 1_245_184,
};
const MANUAL: BackupFile = { ...AUTO, path: '/home/a/Sao lưu/so-2026-02-10.db', name: 'so-2026-02-10.db', day: null, made: '2026-02-10 09:15', bytes: 512_000 };

const made = (folder: string) => ({
  file: { ...MANUAL, path: `${folder}/so-2026-02-16.db`, name: 'so-2026-02-16.db' },
  verified: { schema_version: 4, movements: 1234, audit_entries: 1300, fingerprint: '3f9a-1c07' },
});

beforeEach(() => {
  freshBook();
  setLang('vi');
  dialog.mockReset();
  backups.restored = '';
  backups.list = [];
  mocked.appInfo.mockResolvedValue(info);
  mocked.listCommunes.mockResolvedValue([]);
  mocked.listBackups.mockResolvedValue([MANUAL, AUTO]);
});

describe('Sao lưu', () => {
  it('shows the backup folder in full and the last automatic backup', async () => {
    mocked.backupFolder.mockResolvedValue({ folder: '/media/d/Sao lưu sổ', is_default: false, default_folder: '/home/a/Sao lưu', last: AUTO, last_error: null });
    render(BackupPanel);
    expect(await screen.findByText('/media/d/Sao lưu sổ')).toBeTruthy();
    expect(screen.getByText(/Lần sao lưu tự động gần nhất: 15\/02\/2026 17:42/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Về mặc định' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('warns when the last automatic backup failed', async () => {
    const failed: CommandError = { code: 'disk_full', message: 'x', details: { path: '/home/a/Sao lưu' } };
    mocked.backupFolder.mockResolvedValue({ folder: '/home/a/Sao lưu', is_default: true, default_folder: '/home/a/Sao lưu', last: null, last_error: failed });
    render(BackupPanel);
    expect(await screen.findByText(/bị lỗi: Ổ đĩa đã đầy, chưa ghi được vào \/home\/a\/Sao lưu/)).toBeTruthy();
  });

  it('backs up now into the backup folder and says what it wrote', async () => {
    const user = userEvent.setup();
    mocked.backupNow.mockResolvedValue(made('/home/a/Sao lưu'));
    render(BackupPanel);
    await user.click(await screen.findByRole('button', { name: 'Sao lưu ngay' }));
    expect(await screen.findByText('Đã sao lưu: so-2026-02-16.db (1.234 phiếu, dấu vân tay 3f9a-1c07)')).toBeTruthy();
    expect(mocked.backupNow).toHaveBeenCalledWith({ folder: null });
    expect(mocked.listBackups).toHaveBeenCalled();
  });

  it('backs up onto a USB stick chosen in the folder dialog', async () => {
    const user = userEvent.setup();
    dialog.mockResolvedValue('/media/usb');
    mocked.backupNow.mockResolvedValue(made('/media/usb'));
    render(BackupPanel);
    await user.click(await screen.findByRole('button', { name: 'Sao lưu ra USB/thư mục…' }));
    expect(await screen.findByText(/^Đã sao lưu: so-2026-02-16.db \(1.234 phiếu/)).toBeTruthy();
    expect(dialog).toHaveBeenCalledWith(expect.objectContaining({ directory: true }));
    expect(mocked.backupNow).toHaveBeenCalledWith({ folder: '/media/usb' });
  });

  it('does nothing when the folder dialog is cancelled, and says why a folder is refused', async () => {
    const user = userEvent.setup();
    dialog.mockResolvedValueOnce(null);
    render(BackupPanel);
    await user.click(await screen.findByRole('button', { name: 'Sao lưu ra USB/thư mục…' }));
    expect(mocked.backupNow).not.toHaveBeenCalled();

    dialog.mockResolvedValueOnce('/media/usb-khoa');
    mocked.backupNow.mockRejectedValue(refusal('read_only', { path: '/media/usb-khoa' }));
    await user.click(screen.getByRole('button', { name: 'Sao lưu ra USB/thư mục…' }));
    expect(await screen.findByText(/^Thư mục chỉ đọc, không ghi được vào \/media\/usb-khoa/)).toBeTruthy();
  });

  it('changes the backup folder and returns to the default', async () => {
    const user = userEvent.setup();
    dialog.mockResolvedValue('/media/d/Sao lưu');
    mocked.setBackupFolder.mockResolvedValueOnce({ folder: '/media/d/Sao lưu', is_default: false, default_folder: '/home/a/Sao lưu', last: null, last_error: null });
    render(BackupPanel);
    await user.click(await screen.findByRole('button', { name: 'Đổi thư mục…' }));
    expect(await screen.findByText('/media/d/Sao lưu')).toBeTruthy();
    expect(mocked.setBackupFolder).toHaveBeenCalledWith({ folder: '/media/d/Sao lưu' });

    mocked.setBackupFolder.mockResolvedValueOnce({ folder: '/home/a/Sao lưu', is_default: true, default_folder: '/home/a/Sao lưu', last: null, last_error: null });
    await user.click(screen.getByRole('button', { name: 'Về mặc định' }));
    expect(await screen.findByText('/home/a/Sao lưu')).toBeTruthy();
    expect(mocked.setBackupFolder).toHaveBeenLastCalledWith({ folder: null });
  });
});

describe('Khôi phục', () => {
  it('lists the backups newest first: when, how, size and path', async () => {
    render(RestorePanel);
    const list = await screen.findByRole('list', { name: 'Các bản sao lưu' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(items[0]).toMatch(/15\/02\/2026 17:42.*tự động.*1,2 MB.*so-2026-02-15-tu-dong\.db/);
    expect(items[1]).toMatch(/10\/02\/2026 09:15.*thủ công.*500 KB/);
  });

  it('asks first, then restores and says where the old book was kept', async () => {
    const user = userEvent.setup();
    mocked.restoreBackup.mockResolvedValue({
      book: '/home/a/so.db',
      from: AUTO.path,
      set_aside: '/home/a/so-truoc-khoi-phuc.db',
      verified: { schema_version: 4, movements: 10, audit_entries: 12, fingerprint: 'ffff' },
    });
    render(RestorePanel);
    const list = await screen.findByRole('list', { name: 'Các bản sao lưu' });
    await user.click(within(list).getAllByRole('button', { name: 'Khôi phục bản này' })[0]);
    const asked = screen.getByRole('dialog');
    expect(within(asked).getByText(/Sổ hiện tại không bị xóa/)).toBeTruthy();
    expect(within(asked).getByText(new RegExp(AUTO.name))).toBeTruthy();
    expect(mocked.restoreBackup).not.toHaveBeenCalled();

    await user.click(within(asked).getByRole('button', { name: 'Khôi phục' }));
    expect(await screen.findByText('Đã khôi phục. Sổ cũ được giữ lại ở /home/a/so-truoc-khoi-phuc.db')).toBeTruthy();
    expect(mocked.restoreBackup).toHaveBeenCalledWith({ path: AUTO.path });
    expect(mocked.appInfo).toHaveBeenCalled();
  });

  it('does not restore when the question is closed', async () => {
    const user = userEvent.setup();
    render(RestorePanel);
    const list = await screen.findByRole('list', { name: 'Các bản sao lưu' });
    await user.click(within(list).getAllByRole('button', { name: 'Khôi phục bản này' })[1]);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Đóng' }));
    expect(mocked.restoreBackup).not.toHaveBeenCalled();
  });

  it('restores another file chosen in the dialog, and shows a refusal in plain words', async () => {
    const user = userEvent.setup();
    dialog.mockResolvedValue('/media/usb/cu.db');
    mocked.restoreBackup.mockRejectedValue(refusal('backup_invalid', { path: '/media/usb/cu.db', detail: 'tệp bị cắt cụt' }));
    render(RestorePanel);
    await user.click(await screen.findByRole('button', { name: 'Chọn tệp khác…' }));
    expect(dialog).toHaveBeenCalledWith(expect.objectContaining({ filters: [expect.objectContaining({ extensions: ['db'] })] }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Khôi phục' }));
    expect(await screen.findByText(/^Tệp sao lưu không dùng được: tệp bị cắt cụt/)).toBeTruthy();
    expect(mocked.restoreBackup).toHaveBeenCalledWith({ path: '/media/usb/cu.db' });
    expect(backups.restored).toBe('');
  });
});

describe('a book that cannot be opened', () => {
  function broken(error: CommandError) {
    book.info = { ...info, book_path: '/home/a/so.db', book_error: error };
  }

  it('offers the backups for a damaged file, and moves on to Cài đặt after restoring', async () => {
    const user = userEvent.setup();
    show('overview');
    broken({ code: 'not_a_book', message: 'x', details: { path: '/home/a/so.db', detail: 'file is not a database' } });
    mocked.restoreBackup.mockResolvedValue({ book: '/home/a/so.db', from: AUTO.path, set_aside: '/home/a/so-hong.db', verified: { schema_version: 4, movements: 1, audit_entries: 1, fingerprint: 'f' } });
    render(BookProblem);
    expect(screen.getByText(/Tệp \/home\/a\/so.db không phải sổ Sổ Tình Thương/)).toBeTruthy();
    expect(screen.getByText('Tệp sổ: /home/a/so.db')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Chọn bản sao lưu khác…' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mở sổ khác…' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Các bản sao lưu' });
    await user.click(within(list).getAllByRole('button', { name: 'Khôi phục bản này' })[0]);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(view.screen).toBe('settings'));
    expect(mocked.restoreBackup).toHaveBeenCalledWith({ path: AUTO.path });
    expect(backups.restored).toBe('Đã khôi phục. Sổ cũ được giữ lại ở /home/a/so-hong.db');
    expect(book.info?.book_error).toBeNull();
  });

  it('says to update the program for a book made by a newer version, with no restore', async () => {
    broken({ code: 'schema_too_new', message: 'x', details: { found: 9, supported: 4 } });
    render(BookProblem);
    expect(screen.getByText(/cài bản Sổ Tình Thương mới nhất/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Khôi phục bản này' })).toBeNull();
    expect(screen.queryByRole('button', { name: /bản sao lưu khác/ })).toBeNull();
    expect(mocked.listBackups).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Mở sổ khác…' })).toBeTruthy();
  });

  it('opens another book chosen in the dialog', async () => {
    const user = userEvent.setup();
    broken({ code: 'schema_too_new', message: 'x', details: { found: 9, supported: 4 } });
    dialog.mockResolvedValue('/home/a/so-2025.db');
    mocked.openBook.mockResolvedValue(info);
    render(BookProblem);
    await user.click(screen.getByRole('button', { name: 'Mở sổ khác…' }));
    await waitFor(() => expect(mocked.openBook).toHaveBeenCalledWith({ path: '/home/a/so-2025.db' }));
    await waitFor(() => expect(book.info?.book_error).toBeNull());
  });
});
