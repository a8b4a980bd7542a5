// The Báo cáo screen's choices (which report, and the selectors each report needs), what a report
// request looks like for the core, the file name a saved report gets, and the way a voucher's row
// opens its receipt. The commune and month come from the shared filter (session.svelte.ts).

import { recall, keep } from './remember';
import { fold } from './text';
import { show } from './session.svelte';
import type { ReportName } from './bindings/ReportName';
import type { ReportRequest } from './bindings/ReportRequest';
import type { Program } from './bindings/Program';
import type { Asset } from './bindings/Asset';

/** The reports, in menu order. */
export const REPORTS: ReportName[] = ['monthly', 'fund-book', 'rice-book', 'trips', 'project', 'disclosure', 'receipt'];

export const PROGRAMS: Program[] = ['rice', 'transport', 'repair'];

function initialName(): ReportName {
  const name = recall('report.name') as ReportName | null;
  return name && REPORTS.includes(name) ? name : 'monthly';
}

/** What the clerk chose on the Báo cáo screen. */
export interface Choice {
  name: ReportName;
  /** Monthly summary: all communes side by side instead of the filtered one. */
  all: boolean;
  /** Fund book: the program, cash or rice, and a month or the whole year. */
  program: Program;
  asset: Asset;
  yearly: boolean;
  /** Project settlement: the project's code. */
  project: string;
  /** Receipt: the PT or PN number. */
  voucher: string;
}

/** The choices (kept while the window is open; the report itself is remembered between sessions). */
export const choice: Choice = $state({
  name: initialName(),
  all: false,
  program: 'rice',
  asset: 'cash',
  yearly: false,
  project: '',
  voucher: '',
});

export function chooseReport(name: ReportName): void {
  choice.name = name;
  keep('report.name', name);
}

/** True for the numbers a receipt can be printed for: phiếu thu (PT) and phiếu nhập kho (PN). */
export function hasReceipt(voucher: string): boolean {
  return /^(PT|PN)-/i.test(voucher.trim());
}

/** From a voucher's row: the Báo cáo screen with that voucher's receipt (shown at once). */
export function openReceipt(voucher: string): void {
  chooseReport('receipt');
  choice.voucher = voucher;
  show('reports');
}

/** The shared filter as the report needs it. */
export interface Where {
  /** The commune's title as the commands take it ("Xã Phú Hữu"), or '' when there is none. */
  commune: string;
  /** `yyyy-mm`. */
  month: string;
}

/** The request the core gets for the current choices: only the selectors the report reads. */
export function requestFor(c: Choice, where: Where): ReportRequest {
  const commune = where.commune === '' ? null : where.commune;
  const base: ReportRequest = {
    name: c.name,
    commune,
    all: false,
    month: null,
    period: null,
    program: null,
    asset: null,
    project: null,
    voucher: null,
  };
  switch (c.name) {
    case 'monthly':
      return c.all ? { ...base, commune: null, all: true, month: where.month } : { ...base, month: where.month };
    case 'fund-book': {
      const asset: Asset = c.program === 'rice' ? c.asset : 'cash';
      const period = c.yearly ? where.month.slice(0, 4) : where.month;
      return { ...base, month: where.month, period, program: c.program, asset };
    }
    case 'project':
      return { ...base, project: c.project.trim() === '' ? null : c.project.trim() };
    case 'receipt':
      return { ...base, voucher: c.voucher.trim() === '' ? null : c.voucher.trim() };
    default:
      return { ...base, month: where.month };
  }
}

/** True when the request holds what its report needs (so the preview can be shown at once). */
export function complete(request: ReportRequest): boolean {
  if (!request.all && request.commune === null) return false;
  if (request.name === 'project') return request.project !== null;
  if (request.name === 'receipt') return request.voucher !== null;
  return true;
}

/** "phu-huu": a name for files, without diacritics (mirrors the core's file names). */
export function slug(...parts: string[]): string {
  return fold(parts.join(' '))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The file name a saved report is offered under: `bao-cao-thang-2026-11-phu-huu.pdf`. */
export function fileName(request: ReportRequest, communeName: string, ext: 'pdf' | 'xlsx'): string {
  const month = request.month ?? '';
  const stem = (() => {
    switch (request.name) {
      case 'monthly':
        return request.all ? slug('bao-cao-thang', month, 'cac-xa') : slug('bao-cao-thang', month, communeName);
      case 'fund-book':
        return slug('so-quy', request.program ?? 'rice', request.asset ?? 'cash', request.period ?? month, communeName);
      case 'rice-book':
        return slug('so-gao', month, communeName);
      case 'trips':
        return slug('so-chuyen-xe', month, communeName);
      case 'project':
        return slug('quyet-toan', request.project ?? '', communeName);
      case 'disclosure':
        return slug('cong-khai', month, communeName);
      case 'receipt':
        return slug('bien-nhan', request.voucher ?? '', communeName);
    }
  })();
  return `${stem || 'bao-cao'}.${ext}`;
}

/** The folder of a path ("/home/a/x.pdf" → "/home/a"; "C:\\a\\x.pdf" → "C:\\a"). */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : '';
}

/** A file in a folder, with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  if (folder === '') return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}
