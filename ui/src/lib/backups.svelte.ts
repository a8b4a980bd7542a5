// Backups and restore as the window shows them: the list of backups (shared by Cài đặt and the
// damaged-book page), the folder and file dialogs, and a restore that reloads the whole window.
import { open } from '@tauri-apps/plugin-dialog';
import * as api from './api';
import { t } from './i18n';
import { errorText } from './errors';
import { formatCount, formatDate } from './format';
import { loadBook, changed } from './session.svelte';
import type { BackupFile } from './bindings/BackupFile';
import type { BackupMade } from './bindings/BackupMade';

/** The backups in the backup folder (newest first) and the outcome of the last restore. */
export const backups = $state({
  list: [] as BackupFile[],
  loading: false,
  error: '',
  /** "Đã khôi phục…", kept here so it survives the page change after restoring a damaged book. */
  restored: '',
});

/** Re-reads the backup folder. */
export async function loadBackups(): Promise<void> {
  backups.loading = true;
  backups.error = '';
  try {
    const list = await api.listBackups();
    // why: the core sends them newest first; sorting again keeps that true for any source.
    backups.list = [...(list ?? [])].sort((a, b) => b.made.localeCompare(a.made));
  } catch (e) {
    backups.list = [];
    backups.error = errorText(e);
  } finally {
    backups.loading = false;
  }
}

/** Replaces the book with a backup, then reloads the book and every screen. */
export async function restoreFrom(path: string): Promise<void> {
  const done = await api.restoreBackup({ path });
  backups.restored = done.set_aside
    ? t('backup.restored', { path: done.set_aside })
    : t('backup.restoredNoOld');
  await loadBook();
  changed();
  await loadBackups();
}

/** "Đã sao lưu: <file> (<n> phiếu, dấu vân tay <fp>)". */
export function madeText(made: BackupMade): string {
  return t('backup.made', {
    file: made.file.name,
    n: formatCount(made.verified.movements),
    fingerprint: made.verified.fingerprint,
  });
}

/** "2026-02-15 17:30" → "15/02/2026 17:30". */
export function formatMade(made: string): string {
  const [day, time] = made.split(' ');
  return time ? `${formatDate(day)} ${time}` : formatDate(day);
}

/** A file size the clerk reads: "850 KB", "12,4 MB". */
export function formatSize(bytes: number): string {
  const n = Number(bytes);
  if (n < 1024 * 1024) return `${formatCount(Math.max(1, Math.round(n / 1024)))} KB`;
  return `${(n / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

/** A folder chosen in the system dialog (a USB stick, another disk), or null. */
export async function pickFolder(title: string): Promise<string | null> {
  const chosen = await open({ directory: true, multiple: false, title });
  return typeof chosen === 'string' ? chosen : null;
}

/** A book or backup file (.db) chosen in the system dialog, or null. */
export async function pickBookFile(title: string): Promise<string | null> {
  const chosen = await open({
    directory: false,
    multiple: false,
    title,
    filters: [{ name: t('backup.filterDb'), extensions: ['db'] }],
  });
  return typeof chosen === 'string' ? chosen : null;
}
