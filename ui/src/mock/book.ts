// Preview only: an in-memory book that answers the window's commands the way the core does, with
// generated data that looks like a real commune's year (rice rounds on rằm, handouts of ~10 kg,
// trips to Châu Đốc and Long Xuyên, a bridge or two). It lets the UI be looked at and clicked in a
// plain browser (npm run ui:mock). It is never part of the production build.

import { parseAmount, parseDate, parseCount, isoYmd, showYmd } from '../lib/parse';
import { fits, fold } from '../lib/text';
import { formatDecimal, fromStored } from '../lib/format';
import { addMonths, thisMonth } from '../lib/dates';
import { solarToLunar, lunarToSolar, canChi } from './lunar';

/** As the core's people::NO_HAMLET. */
const NO_HAMLET = 'chưa có ấp';

type Json = Record<string, unknown>;

function refuse(code: string, message: string, details: Json = {}): never {
  throw { code, message, details };
}

let seed = 20260215;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
const between = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));

interface Commune {
  id: number;
  uuid: string;
  name: string;
  kind: 'xa' | 'thi_tran' | 'phuong';
  district: string;
  province: string;
  valid_from: string | null;
  valid_to: string | null;
  became_part_of: string | null;
  received_from: string | null;
}
interface Hamlet {
  id: number;
  commune_id: number;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
}
interface Household {
  id: number;
  commune_id: number;
  hamlet: string | null;
  name: string;
  status: 'ngheo' | 'can_ngheo' | 'kho_khan' | null;
}
interface Named {
  id: number;
  name: string;
  detail: string;
}
interface Movement {
  id: number;
  voucher: string;
  date: string;
  commune_id: number;
  program: 'rice' | 'transport' | 'repair';
  asset: 'cash' | 'rice';
  direction: 'in' | 'out';
  amount: number;
  category: string;
  party: string | null;
  household: string | null;
  hamlet: string | null;
  households: number | null;
  trip: string | null;
  project: string | null;
  memo: string;
  void_reason: string | null;
}
interface Trip {
  number: string;
  commune_id: number;
  date: string;
  patient: string;
  from_hamlet: string | null;
  destination: string;
  km: number;
  driver: string | null;
  vehicle: string | null;
  purpose: string;
  vouchers: string[];
  void_reason: string | null;
}
interface Project {
  id: number;
  code: string;
  commune_id: number;
  name: string;
  kind: 'bridge' | 'road' | 'culvert';
  hamlet: string | null;
  size: string;
  status: 'planned' | 'active' | 'done';
  start: string | null;
  end: string | null;
  estimate: string | null;
  log: { date: string; volunteers: number; workdays_tenths: number; materials: string; note: string }[];
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Đặng', 'Bùi', 'Đỗ', 'Lâm'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Thanh', 'Ngọc', 'Minh', 'Kim'];
const GIVEN = ['Ánh', 'Bảy', 'Cường', 'Dũng', 'Hoa', 'Hùng', 'Lan', 'Lộc', 'Mai', 'Nam', 'Phúc', 'Sáu', 'Tám', 'Thảo', 'Tư', 'Út', 'Xuân', 'Yến', 'Hạnh', 'Trường'];
const OTHER_NAMES = ['Sa Ri Da', 'Ma Ry Sa', 'Néang Sô Phi', 'Mohamad Sết', 'Ha Li Ma', 'Thạch Sóc Khênh'];

export class MockBook {
  firstRun = false;
  bookError: Json | null = null;
  path = '/home/vanphong/.local/share/vn.sotinhthuong.desktop/so-tinh-thuong.db';
  communes: Commune[] = [];
  hamlets: Hamlet[] = [];
  households: Household[] = [];
  parties: Named[] = [];
  drivers: Named[] = [];
  vehicles: Named[] = [];
  destinations: Named[] = [];
  openings: { commune_id: number; commune: string; program: string; asset: 'cash' | 'rice'; date: string; amount: string; stored: number }[] = [];
  movements: Movement[] = [];
  trips: Trip[] = [];
  projects: Project[] = [];
  locks = new Set<string>();
  counters = new Map<string, number>();
  office = {
    parent_body: 'UBND TỈNH AN GIANG',
    issuing_body: 'ỦY BAN NHÂN DÂN XÃ PHÚ HỮU',
    organisation: 'Ban công tác Mặt trận xã Phú Hữu',
    place: 'Phú Hữu',
    preparer: 'Trần Thị Mỹ Linh',
    accountant: 'Lê Văn Hòa',
    cashier: 'Nguyễn Thị Bé Ba',
    chairman: 'Phạm Văn Thành',
  };

  backupDefault = '/home/vanphong/Tài liệu/Sổ Tình Thương/Sao lưu';
  backupChosen: string | null = null;
  backupFiles = [
    { day: '2026-02-15', made: '2026-02-15 17:42', bytes: 1_245_184 },
    { day: '2026-02-14', made: '2026-02-14 16:58', bytes: 1_236_992 },
    { day: null, made: '2026-02-10 09:15', bytes: 1_200_128 },
    { day: '2026-01-31', made: '2026-01-31 17:05', bytes: 1_142_784 },
  ].map((b) => {
    const name = `so-tinh-thuong-${b.made.replace(' ', '-').replace(':', '')}${b.day ? '-tu-dong' : ''}.db`;
    return { ...b, name, book: 'so-tinh-thuong', path: `${this.backupDefault}/${name}` };
  });

  constructor(options: { firstRun?: boolean; bookError?: boolean; damaged?: boolean; empty?: boolean } = {}) {
    if (options.damaged) {
      this.bookError = {
        code: 'not_a_book',
        message: 'Tệp không phải sổ',
        details: { path: this.path, detail: 'file is not a database' },
      };
      return;
    }
    if (options.bookError) {
      this.bookError = {
        code: 'schema_too_new',
        message: 'Sổ này được tạo bởi phiên bản mới hơn',
        details: { found: 9, supported: 4 },
      };
      return;
    }
    if (options.firstRun) {
      this.firstRun = true;
      return;
    }
    this.seedBook();
  }

  // ---- generated data ------------------------------------------------------------------------

  private seedBook() {
    const names = ['Phú Hữu', 'An Phú', 'Vĩnh Hậu', 'Nhơn Hội', 'Khánh Bình'];
    names.forEach((name, i) =>
      this.communes.push({
        id: i + 1,
        uuid: `c-${i + 1}`,
        name,
        kind: 'xa',
        district: '',
        province: 'An Giang',
        valid_from: '2025-07-01',
        valid_to: null,
        became_part_of: null,
        received_from: null,
      }),
    );
    const hamletNames: Record<number, string[]> = {
      1: ['Phú Hiệp', 'Phú Thạnh', 'Phú Hưng', 'Phú Lợi', 'Vĩnh Lộc'],
      2: ['An Thạnh', 'An Hưng', 'Vĩnh Hội'],
      3: ['Vĩnh Trường', 'Đa Phước', 'Vĩnh Hậu'],
      4: ['Quốc Thái', 'Nhơn Hội', 'Phước Hưng'],
      5: ['Khánh An', 'Khánh Bình', 'Long Bình'],
    };
    for (const c of this.communes) {
      for (const h of hamletNames[c.id]) {
        this.hamlets.push({ id: this.hamlets.length + 1, commune_id: c.id, name: h, valid_from: null, valid_to: null });
      }
      for (let i = 0; i < 70; i++) {
        const name = rand() < 0.07 ? pick(OTHER_NAMES) : `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`;
        if (this.households.some((h) => h.commune_id === c.id && h.name === name)) continue;
        this.households.push({
          id: this.households.length + 1,
          commune_id: c.id,
          hamlet: pick(hamletNames[c.id]),
          name,
          status: pick(['ngheo', 'ngheo', 'can_ngheo', 'kho_khan', null] as const),
        });
      }
    }
    this.parties = [
      'Nhà hảo tâm',
      'Công ty TNHH Lương thực Phú Hữu',
      'Chùa Phước Long',
      'Ban đại diện Phật giáo Hòa Hảo xã',
      'Hội Chữ thập đỏ huyện',
      'Ông Lâm Văn Sang (Cần Thơ)',
      'Bà Huỳnh Thị Kim Chi',
      'Hội Phụ nữ xã',
      'Trạm xăng Hữu Nghĩa',
      'Cửa hàng VLXD Tấn Phát',
    ].map((name, i) => ({
      id: i + 1,
      name,
      detail: i === 0 ? 'anonymous' : /^(Công ty|Chùa|Ban|Hội|Trạm|Cửa hàng)/.test(name) ? 'organisation' : 'person',
    }));
    this.drivers = [
      { id: 1, name: 'Nguyễn Văn Tư', detail: '0913 456 789' },
      { id: 2, name: 'Lê Hữu Bảy', detail: '0987 111 222' },
      { id: 3, name: 'Võ Minh Trí', detail: '' },
    ];
    this.vehicles = [
      { id: 1, name: 'Xe cứu thương số 1', detail: '67A-123.45' },
      { id: 2, name: 'Xe 7 chỗ', detail: '67B-020.18' },
    ];
    this.destinations = [
      ['Trạm y tế xã Phú Hữu', '4'],
      ['Trung tâm Y tế An Phú', '9,5'],
      ['Bệnh viện Đa khoa khu vực tỉnh An Giang (Châu Đốc)', '18'],
      ['Bệnh viện Đa khoa Trung tâm An Giang (Long Xuyên)', '72'],
      ['Bệnh viện Đa khoa Trung ương Cần Thơ', '130'],
      ['Bệnh viện Chợ Rẫy (TP.HCM)', '240'],
    ].map(([name, km], i) => ({ id: i + 1, name, detail: km }));

    const now = thisMonth();
    for (let back = 13; back >= 0; back--) {
      const month = addMonths(now, -back);
      for (const c of this.communes) this.seedMonth(c, month, back === 0);
      if (back >= 2) for (const c of this.communes) this.locks.add(`${c.id}|${month}`);
    }
    this.seedProjects();
  }

  private days(month: string, upto: boolean): number {
    const [y, m] = month.split('-').map(Number);
    const last = new Date(y, m, 0).getDate();
    return upto ? Math.min(last, new Date().getDate()) : last;
  }

  private seedMonth(c: Commune, month: string, current: boolean) {
    const [y, m] = month.split('-').map(Number);
    const lastDay = this.days(month, current);
    const at = (d: number) => `${month}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
    const hamlets = this.hamlets.filter((h) => h.commune_id === c.id);
    const lunarMid = solarToLunar(15, m, y);
    const ram = lunarToSolar(15, lunarMid.month, lunarMid.year, lunarMid.leap);
    const ramDay = ram && ram[1] === m ? ram[0] : 15;
    const big = [1, 7, 10].includes(lunarMid.month) ? 1.6 : 1;
    if (ramDay <= lastDay) {
      for (const h of hamlets) {
        const grams = Math.round((120 + rand() * 90) * big * (c.id === 1 ? 1.5 : 1)) * 1000 + (rand() < 0.3 ? 500 : 0);
        this.post(c.id, at(ramDay), 'rice', 'rice', 'in', grams, 'collection', { hamlet: h.name, households: between(25, 60), memo: 'Đợt thu gạo ngày rằm' });
      }
    }
    if (rand() < 0.5) this.post(c.id, at(between(2, 12)), 'rice', 'rice', 'in', between(2, 10) * 50000, 'donation', { party: pick(this.parties.slice(1, 5)).name, memo: 'Ủng hộ gạo' });
    const poor = this.households.filter((h) => h.commune_id === c.id && h.status);
    const count = poor.length;
    const handoutDay = Math.min(ramDay + 2, 28);
    if (handoutDay <= lastDay) {
      for (const h of poor.slice(0, count)) {
        this.post(c.id, at(handoutDay), 'rice', 'rice', 'out', between(2, 5) * 5000, 'handout', { household: h.name, hamlet: h.hamlet });
      }
    }
    for (let i = 0; i < between(2, 4); i++) {
      this.post(c.id, at(between(1, 27)), pick(['rice', 'transport', 'repair'] as const), 'cash', 'in', between(2, 40) * 100000, 'donation', {
        party: pick(this.parties).name,
        memo: 'Ủng hộ quỹ',
      });
    }
    this.post(c.id, at(between(1, 6)), 'transport', 'cash', 'in', between(20, 45) * 100000, 'donation', {
      party: pick(this.parties.slice(1)).name,
      memo: 'Ủng hộ xăng xe chuyển bệnh',
    });
    if (handoutDay <= lastDay) {
      for (const h of poor.slice(0, Math.min(8, count))) {
        this.post(c.id, at(handoutDay), 'rice', 'cash', 'out', 50000, 'handout', { household: h.name, party: h.name, memo: 'Hỗ trợ tiền chợ' });
      }
    }
    for (let i = 0; i < between(3, 9); i++) {
      const day = between(1, 28);
      if (day > lastDay) continue;
      const dest = pick(this.destinations.slice(1));
      this.recordTripRaw(c, at(day), {
        patient: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
        from_hamlet: pick(hamlets).name,
        to: dest.name,
        km: Number(dest.detail.replace(',', '.')),
        driver: pick(this.drivers).name,
        vehicle: pick(this.vehicles).name,
        purpose: pick(['Chạy thận', 'Cấp cứu', 'Sinh con', 'Tái khám', 'Chuyển viện']),
        fuel: Math.round((Number(dest.detail.replace(',', '.')) * 2 * 2500) / 1000) * 1000,
        donation: rand() < 0.2 ? between(1, 5) * 100000 : 0,
      });
    }
  }

  private seedProjects() {
    const c = this.communes[0];
    const specs: [string, Project['kind'], string, string, Project['status'], number][] = [
      ['Cầu kênh Ba Thê', 'bridge', 'Phú Hiệp', 'dài 18 m, rộng 2,2 m', 'done', -5],
      ['Đường đal tổ 7', 'road', 'Phú Thạnh', 'dài 350 m, rộng 1,5 m', 'active', -1],
      ['Cống ấp Phú Lợi', 'culvert', 'Phú Lợi', 'ống cống D60, dài 6 m', 'planned', 1],
    ];
    for (const [name, kind, hamlet, size, status, startShift] of specs) {
      const start = `${addMonths(thisMonth(), startShift)}-05`;
      const code = this.nextNumber(c.id, 'CT', Number(start.slice(0, 4)));
      const project: Project = {
        id: this.projects.length + 1,
        code,
        commune_id: c.id,
        name,
        kind,
        hamlet,
        size,
        status,
        start: status === 'planned' ? null : start,
        end: status === 'done' ? `${addMonths(thisMonth(), startShift + 2)}-20` : null,
        estimate: kind === 'bridge' ? '120000000' : kind === 'road' ? '45000000' : '8000000',
        log: [],
      };
      this.projects.push(project);
      if (status === 'planned') continue;
      for (let i = 0; i < 6; i++) {
        const date = `${addMonths(thisMonth(), startShift + Math.floor(i / 3))}-${String(6 + i * 3).padStart(2, '0')}`;
        if (date > isoYmd({ year: new Date().getFullYear(), month: new Date().getMonth() + 1, day: new Date().getDate() })) continue;
        project.log.push({ date, volunteers: between(6, 18), workdays_tenths: between(40, 150), materials: pick(['20 bao xi măng', '3 m³ cát, 2 m³ đá', '150 kg sắt phi 10', '']), note: '' });
        this.post(c.id, date, 'repair', 'cash', 'out', between(15, 60) * 100000, pick(['materials', 'labour']), { project: code, party: 'Cửa hàng VLXD Tấn Phát', memo: 'Mua vật tư' });
        if (i % 2 === 0) this.post(c.id, date, 'repair', 'cash', 'in', between(20, 80) * 100000, 'donation', { project: code, party: pick(this.parties).name, memo: 'Ủng hộ công trình' });
      }
    }
  }

  // ---- posting -------------------------------------------------------------------------------

  private nextNumber(communeId: number, kind: string, year: number): string {
    const key = `${communeId}|${kind}|${year}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return `${kind}-${year}-${String(n).padStart(4, '0')}`;
  }

  private post(
    commune_id: number,
    date: string,
    program: Movement['program'],
    asset: Movement['asset'],
    direction: Movement['direction'],
    amount: number,
    category: string,
    extra: Partial<Movement> = {},
  ): string {
    const kind = asset === 'rice' ? (direction === 'in' ? 'PN' : 'PX') : direction === 'in' ? 'PT' : 'PC';
    const voucher = this.nextNumber(commune_id, kind, Number(date.slice(0, 4)));
    this.movements.push({
      id: this.movements.length + 1,
      voucher,
      date,
      commune_id,
      program,
      asset,
      direction,
      amount,
      category,
      party: null,
      household: null,
      hamlet: null,
      households: null,
      trip: null,
      project: null,
      memo: '',
      void_reason: null,
      ...extra,
    });
    return voucher;
  }

  private recordTripRaw(
    c: Commune,
    date: string,
    t: { patient: string; from_hamlet: string | null; to: string; km: number; driver: string | null; vehicle: string | null; purpose: string; fuel: number; donation: number; other?: number; donor?: string | null },
  ) {
    const number = this.nextNumber(c.id, 'CX', Number(date.slice(0, 4)));
    const vouchers: string[] = [];
    if (t.fuel > 0) vouchers.push(this.post(c.id, date, 'transport', 'cash', 'out', t.fuel, 'fuel', { trip: number, party: 'Trạm xăng Hữu Nghĩa', memo: `Xăng chuyến ${number}` }));
    if (t.other) vouchers.push(this.post(c.id, date, 'transport', 'cash', 'out', t.other, 'other_out', { trip: number, memo: `Chi phí chuyến ${number}` }));
    if (t.donation > 0) vouchers.push(this.post(c.id, date, 'transport', 'cash', 'in', t.donation, 'donation', { trip: number, party: t.donor || 'Nhà hảo tâm', memo: `Ủng hộ chuyến ${number}` }));
    this.trips.push({ number, commune_id: c.id, date, patient: t.patient, from_hamlet: t.from_hamlet, destination: t.to, km: Math.round(t.km * 1000), driver: t.driver, vehicle: t.vehicle, purpose: t.purpose, vouchers, void_reason: null });
    return { number, vouchers };
  }

  // ---- checks like the core's ----------------------------------------------------------------

  private commune(key: string): Commune {
    const found = this.communes.find((c) => `Xã ${c.name}` === key || fold(c.name) === fold(key));
    if (!found) refuse('unknown_commune', `Không có xã/thị trấn “${key}” trong danh mục`, { name: key });
    return found;
  }

  private communeById(id: unknown): Commune {
    const found = this.communes.find((c) => c.id === Number(id));
    if (!found) refuse('unknown_commune', 'Không có xã', { name: String(id) });
    return found;
  }

  private date(typed: string): string {
    const d = parseDate(typed);
    if (!d) refuse('invalid_date', `Ngày “${typed}” không hợp lệ`, { input: typed });
    return isoYmd(d);
  }

  private open(c: Commune, iso: string) {
    const month = iso.slice(0, 7);
    if (this.locks.has(`${c.id}|${month}`)) {
      const shown = `${month.slice(5)}/${month.slice(0, 4)}`;
      refuse('month_closed', `Tháng ${shown} của Xã ${c.name} đã khóa sổ`, { commune: `Xã ${c.name}`, month: shown });
    }
  }

  private amount(typed: string, unit: 'vnd' | 'kg' | 'km', field: string): number {
    const r = parseAmount(typed, unit);
    if (!r.ok) {
      if (r.code === 'empty_text') refuse('empty_text', `Chưa nhập ${field}`, { field });
      if (r.code === 'not_positive') refuse('not_positive', `${field} phải lớn hơn 0`, { field, input: typed });
      if (r.code === 'too_large') refuse('too_large', `${field} quá lớn`, { field, input: typed, max: String(r.params?.max) });
      refuse('invalid_number', `Giá trị “${typed}” của ${field} không đọc được`, { field, input: typed, hint: 'chỉ gõ chữ số, dấu chấm (phân cách hàng nghìn) và dấu phẩy (phần lẻ)' });
    }
    const [i, f = ''] = r.value.split('.');
    const places = unit === 'vnd' ? 0 : 3;
    return Number(i) * 10 ** places + Number((f + '000').slice(0, places) || '0');
  }

  private text(typed: string | null | undefined, field: string, required = true): string {
    const value = (typed ?? '').normalize('NFC').trim();
    if (required && value === '') refuse('empty_text', `Chưa nhập ${field}`, { field });
    if (value.length > 200) refuse('text_too_long', `${field} quá dài`, { field, len: value.length, max: 200 });
    return value;
  }

  private findByName<T extends { name: string }>(list: T[], typed: string, what: string, unknown: () => never): T {
    const exact = list.filter((x) => x.name === typed.normalize('NFC').trim());
    if (exact.length === 1) return exact[0];
    const folded = list.filter((x) => fold(x.name) === fold(typed));
    if (folded.length === 1) return folded[0];
    if (folded.length > 1) refuse('ambiguous_name', `“${typed}” khớp với nhiều ${what}`, { what, name: typed, candidates: folded.map((x) => x.name).join(', ') });
    return unknown();
  }

  /** As the core (people.rs): a repeated name needs its hamlet in brackets, "Nguyễn Văn Tư (Phú Lợi)". */
  private findHousehold(c: { id: number; name: string }, typed: string): Household {
    const all = this.households.filter((x) => x.commune_id === c.id);
    const want = typed.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (want.length > 403) refuse('text_too_long', 'Tên hộ quá dài', { field: 'Tên hộ', len: want.length, max: 403 });
    const label = (x: Household) => `${x.name} (${x.hamlet ?? NO_HAMLET})`;
    type Choice = { one?: Household; same?: Household[]; several?: Household[] };
    const choose = (name: string, list: Household[]): Choice => {
      const exact = list.filter((x) => x.name === name);
      if (exact.length === 1) return { one: exact[0] };
      const found = exact.length > 1 ? exact : list.filter((x) => fits(name, x.name));
      if (found.length === 1) return { one: found[0] };
      if (found.length === 0) return {};
      return found.every((x) => x.name === found[0].name) ? { same: found } : { several: found };
    };
    const sameName = (found: Household[]): never => {
      if (found.every((x) => x.hamlet === found[0].hamlet)) {
        refuse('twin_households', 'Hộ trùng tên cùng ấp', { name: found[0].name, hamlet: found[0].hamlet ?? NO_HAMLET, count: found.length });
      }
      const alone = (h: Household) => found.filter((o) => o.hamlet === h.hamlet).length === 1;
      const example = found.find((x) => x.hamlet !== null && alone(x)) ?? found.find(alone) ?? found[0];
      return refuse('same_name_household', `Có ${found.length} hộ tên “${found[0].name}”`, {
        name: found[0].name,
        count: found.length,
        candidates: found.map(label).join(', '),
        example: label(example),
      });
    };
    const several = (name: string, found: Household[]): never =>
      refuse('ambiguous_name', `“${name}” khớp với nhiều hộ`, {
        what: 'hộ',
        name,
        candidates: found.map((x) => (found.filter((o) => o.name === x.name).length > 1 ? label(x) : x.name)).join(', '),
      });
    const splits = (): [string, string][] => {
      if (!want.endsWith(')')) return [];
      const inner = want.slice(0, -1);
      return [...inner.matchAll(/\(/g)]
        .map((m): [string, string] => [inner.slice(0, m.index).trim(), inner.slice(m.index + 1).trim()])
        .filter(([base, hamlet]) => base !== '' && hamlet !== '')
        .reverse();
    };
    const inHamlet = (namesakes: Household[], hamlet: string) => {
      const at = (key: (s: string) => string) =>
        namesakes.filter((x) => (x.hamlet === null ? key(hamlet) === key(NO_HAMLET) : key(x.hamlet) === key(hamlet)));
      const exactHamlet = at(fold);
      return exactHamlet.length > 0 ? exactHamlet : at((s) => fold(s).replace(/^(ap|khom|xa|thi tran|phuong) /, ''));
    };
    const whole = choose(want, all);
    if (whole.one) {
      for (const [base, hamlet] of splits()) {
        const other = choose(base, inHamlet(all.filter((x) => fold(x.name) === fold(base)), hamlet)).one;
        if (other && other.id !== whole.one.id) {
          refuse('ambiguous_name', `“${want}” khớp với nhiều hộ`, { what: 'hộ', name: want, candidates: `${label(whole.one)}, ${label(other)}` });
        }
      }
      return whole.one;
    }
    let refusal: (() => never) | null = null;
    for (const [base, hamlet] of splits()) {
      const namesakes = all.filter((x) => fold(x.name) === fold(base));
      const choice = choose(base, inHamlet(namesakes, hamlet));
      if (choice.one) return choice.one;
      if (refusal) continue;
      if (choice.same) refusal = () => sameName(choice.same!);
      else if (choice.several) refusal = () => several(base, choice.several!);
      else if (namesakes.length > 0) {
        const spelled = namesakes.filter((x) => x.name === base);
        const shown = spelled.length > 0 ? spelled : namesakes;
        const hamlets = [...new Set(shown.map((x) => x.hamlet ?? NO_HAMLET))].join(', ');
        const name = shown.every((x) => x.name === shown[0].name) ? shown[0].name : base;
        refusal = () => refuse('household_not_in_hamlet', 'Không có hộ ở ấp này', { name, hamlet, hamlets });
      }
    }
    if (whole.same) sameName(whole.same);
    if (whole.several) several(want, whole.several);
    if (refusal) refusal();
    return refuse('unknown_household', 'Không có hộ', { name: want, commune: `Xã ${c.name}` });
  }

  private stock(communeId: number, program: string, asset: string): number {
    return this.movements
      .filter((m) => m.commune_id === communeId && m.program === program && m.asset === asset && !m.void_reason)
      .reduce((s, m) => s + (m.direction === 'in' ? m.amount : -m.amount), 0);
  }

  private checkStock(c: Commune, program: string, asset: 'cash' | 'rice', wanted: number, iso: string) {
    const available = this.stock(c.id, program, asset);
    if (available < wanted) {
      const show = (n: number) => (asset === 'rice' ? `${formatDecimal(fromStored(n, 3))} kg` : `${formatDecimal(n)} đ`);
      refuse('stock_too_low', 'Không đủ', {
        commune: `Xã ${c.name}`,
        program: { rice: 'Nắm gạo tình thương', transport: 'Xe chuyển bệnh miễn phí', repair: 'Sửa chữa cầu đường' }[program],
        asset: asset === 'rice' ? 'gạo' : 'tiền',
        available: show(Math.max(0, available)),
        requested: show(wanted),
        month: `${iso.slice(5, 7)}/${iso.slice(0, 4)}`,
      });
    }
  }

  // ---- commands ------------------------------------------------------------------------------

  handle(cmd: string, args: Json): unknown {
    const input = (args?.input ?? {}) as Json;
    const s = (k: string) => (input[k] ?? '') as string;
    const os = (k: string) => {
      const v = input[k] as string | null | undefined;
      return v === null || v === undefined || v.trim() === '' ? null : v;
    };
    switch (cmd) {
      case 'app_info':
        return {
          version: '0.1.0',
          book_path: this.path,
          book_error: this.bookError,
          first_run: this.firstRun,
          licence: 'MIT',
          fingerprint: this.bookError ? '' : '3f9a-1c07-88be-52d4',
        };
      case 'setup_book': {
        const preset = input.preset as string | null;
        const names = preset === 'an-phu-2024'
          ? ['An Phú', 'Long Bình', 'Đa Phước', 'Khánh An', 'Khánh Bình', 'Nhơn Hội', 'Phú Hội', 'Phú Hữu', 'Phước Hưng', 'Quốc Thái', 'Vĩnh Hậu', 'Vĩnh Hội Đông', 'Vĩnh Lộc', 'Vĩnh Trường']
          : preset === 'an-phu-2025'
            ? ['An Phú', 'Vĩnh Hậu', 'Nhơn Hội', 'Khánh Bình', 'Phú Hữu']
            : ((input.communes as string[]) ?? []);
        if (names.length === 0) refuse('empty_text', 'Chưa nhập Danh sách xã', { field: 'Danh sách xã' });
        this.communes = names.map((name, i) => ({ id: i + 1, uuid: `c${i}`, name, kind: 'xa', district: 'An Phú', province: 'An Giang', valid_from: null, valid_to: null, became_part_of: null, received_from: null }));
        this.office = input.office as typeof this.office;
        this.firstRun = false;
        return this.handle('app_info', {});
      }
      case 'open_book':
      case 'create_book':
        this.path = s('path');
        return this.handle('app_info', {});
      case 'list_communes':
        return this.communes;
      case 'add_commune': {
        const name = this.text(s('name'), 'Tên xã');
        if (this.communes.some((c) => fold(c.name) === fold(name))) refuse('duplicate_name', 'Đã có', { what: 'Xã', name });
        const c: Commune = { id: this.communes.length + 1, uuid: 'new', name, kind: (input.kind as Commune['kind']) ?? 'xa', district: s('district'), province: s('province'), valid_from: null, valid_to: null, became_part_of: null, received_from: null };
        this.communes.push(c);
        return c;
      }
      case 'list_hamlets':
        return this.hamlets.filter((h) => h.commune_id === Number(input.commune_id));
      case 'add_hamlet': {
        const c = this.commune(s('commune'));
        const name = this.text(s('name'), 'Tên ấp');
        if (this.hamlets.some((h) => h.commune_id === c.id && fold(h.name) === fold(name))) refuse('duplicate_name', 'Đã có', { what: 'Ấp', name });
        const h = { id: this.hamlets.length + 1, commune_id: c.id, name, valid_from: null, valid_to: null };
        this.hamlets.push(h);
        return h;
      }
      case 'list_households': {
        const q = fold(s('search'));
        return this.households.filter((h) => h.commune_id === Number(input.commune_id) && fold(h.name).includes(q)).sort((a, b) => fold(a.name).localeCompare(fold(b.name)));
      }
      case 'add_household': {
        const c = this.commune(s('commune'));
        const name = this.text(s('name'), 'Tên hộ');
        const typedHamlet = os('hamlet');
        const hamlet = typedHamlet
          ? this.findByName(this.hamlets.filter((x) => x.commune_id === c.id), typedHamlet, 'ấp', () =>
              refuse('unknown_hamlet', 'Không có ấp', { name: typedHamlet, commune: `Xã ${c.name}` }),
            ).name
          : null;
        const twin = this.households.find(
          (x) => x.commune_id === c.id && x.hamlet === hamlet && x.name.toLowerCase() === name.toLowerCase(),
        );
        if (twin) refuse('duplicate_household', 'Đã có hộ', { label: `${twin.name} (${twin.hamlet ?? NO_HAMLET})`, name });
        const h: Household = { id: this.households.length + 1, commune_id: c.id, hamlet: os('hamlet'), name, status: (os('status') as Household['status']) ?? null };
        this.households.push(h);
        return h;
      }
      case 'list_parties': {
        const q = fold(s('search'));
        return this.parties.filter((p) => fold(p.name).includes(q));
      }
      case 'list_drivers':
        return this.drivers;
      case 'list_vehicles':
        return this.vehicles;
      case 'list_destinations':
        return this.destinations;
      case 'set_destination': {
        const name = this.text(s('name'), 'Nơi đến');
        const km = os('km');
        if (km) this.amount(km, 'km', 'Số km');
        const found = this.destinations.find((d) => fold(d.name) === fold(name));
        if (found) found.detail = km ?? found.detail;
        else this.destinations.push({ id: this.destinations.length + 1, name, detail: km ?? '' });
        return null;
      }
      case 'record_cash': {
        const c = this.commune(s('commune'));
        const amount = this.amount(s('amount'), 'vnd', 'Số tiền');
        const iso = this.date(s('date'));
        this.open(c, iso);
        const program = input.program as Movement['program'];
        const direction = input.direction as Movement['direction'];
        if (direction === 'out') this.checkStock(c, program, 'cash', amount, iso);
        const party = s('party').trim() || 'Nhà hảo tâm';
        return this.post(c.id, iso, program, 'cash', direction, amount, os('category') ?? (direction === 'in' ? 'donation' : 'other_out'), { party, memo: s('memo') });
      }
      case 'record_rice_in': {
        const c = this.commune(s('commune'));
        const iso = this.date(s('date'));
        const grams = this.amount(s('kg'), 'kg', 'Số ký gạo');
        const hamletName = os('hamlet');
        const hamlet = hamletName
          ? this.findByName(this.hamlets.filter((h) => h.commune_id === c.id), hamletName, 'ấp', () =>
              refuse('unknown_hamlet', 'Không có ấp', { name: hamletName, commune: `Xã ${c.name}` }),
            ).name
          : null;
        const households = os('households');
        let count: number | null = null;
        if (households) {
          count = parseCount(households);
          if (count === null) refuse('invalid_number', 'Số hộ', { field: 'Số hộ góp gạo', input: households, hint: 'hãy gõ một số nguyên, ví dụ 35' });
        }
        this.open(c, iso);
        const party = os('party');
        return this.post(c.id, iso, 'rice', 'rice', 'in', grams, party ? 'donation' : 'collection', { hamlet, households: count, party, memo: s('memo') });
      }
      case 'record_rice_out': {
        const c = this.commune(s('commune'));
        const iso = this.date(s('date'));
        const grams = this.amount(s('kg'), 'kg', 'Số ký gạo');
        // why: "name (hamlet)" may be longer than a name; findHousehold checks its length.
        const h = this.findHousehold(c, s('household'));
        this.open(c, iso);
        this.checkStock(c, 'rice', 'rice', grams, iso);
        return this.post(c.id, iso, 'rice', 'rice', 'out', grams, 'handout', { household: h.name, hamlet: h.hamlet, memo: s('memo') });
      }
      case 'record_trip': {
        const c = this.commune(s('commune'));
        const iso = this.date(s('date'));
        const patient = this.text(s('patient'), 'Tên bệnh nhân');
        const to = this.text(s('to'), 'Nơi đến');
        const typedKm = os('km');
        const dest = this.destinations.find((d) => fold(d.name) === fold(to));
        const kmText = typedKm ?? dest?.detail ?? '';
        if (!kmText) refuse('empty_text', 'Chưa nhập Số km', { field: `Số km (chưa có quãng đường mặc định tới ${to})` });
        const metres = this.amount(kmText, 'km', 'Số km');
        const fuel = os('fuel_cost') ? this.amount(s('fuel_cost'), 'vnd', 'Số tiền') : 0;
        const other = os('other_cost') ? this.amount(s('other_cost'), 'vnd', 'Số tiền') : 0;
        const donation = os('donation') ? this.amount(s('donation'), 'vnd', 'Số tiền') : 0;
        this.open(c, iso);
        if (fuel + other > 0) this.checkStock(c, 'transport', 'cash', fuel + other - donation, iso);
        if (!dest) this.destinations.push({ id: this.destinations.length + 1, name: to, detail: formatDecimal(fromStored(metres, 3)) });
        for (const [list, name] of [[this.drivers, os('driver')], [this.vehicles, os('vehicle')]] as const) {
          if (name && !list.some((x) => fold(x.name) === fold(name))) list.push({ id: list.length + 1, name, detail: '' });
        }
        return this.recordTripRaw(c, iso, { patient, from_hamlet: os('from_hamlet'), to: dest?.name ?? to, km: metres / 1000, driver: os('driver'), vehicle: os('vehicle'), purpose: s('purpose'), fuel, other, donation, donor: os('donor') });
      }
      case 'add_project': {
        const c = this.commune(s('commune'));
        const name = this.text(s('name'), 'Tên công trình');
        const start = os('start') ? this.date(s('start')) : null;
        const estimate = os('estimate') ? String(this.amount(s('estimate'), 'vnd', 'Số tiền')) : null;
        const p: Project = { id: this.projects.length + 1, code: this.nextNumber(c.id, 'CT', new Date().getFullYear()), commune_id: c.id, name, kind: input.kind as Project['kind'], hamlet: os('hamlet'), size: s('size'), status: start ? 'active' : 'planned', start, end: null, estimate, log: [] };
        this.projects.push(p);
        return this.projectRow(p);
      }
      case 'list_projects':
        return this.projects.filter((p) => p.commune_id === Number(input.commune_id)).map((p) => this.projectRow(p));
      case 'set_project_status': {
        const p = this.project(s('project'));
        const iso = this.date(s('date'));
        p.status = input.status as Project['status'];
        if (p.status === 'active' && !p.start) p.start = iso;
        if (p.status === 'done') p.end = iso;
        return this.projectRow(p);
      }
      case 'log_work': {
        const c = this.commune(s('commune'));
        const p = this.project(s('project'));
        const day = input.day as Record<string, string>;
        const iso = this.date(day.date);
        const volunteers = parseCount(day.volunteers);
        if (volunteers === null) refuse('invalid_number', 'Số người', { field: 'Số người tham gia', input: day.volunteers, hint: 'hãy gõ một số nguyên' });
        const wd = parseAmount(day.workdays, 'kg');
        if (!wd.ok) refuse('invalid_number', 'Ngày công', { field: 'Số ngày công', input: day.workdays, hint: 'hãy gõ số, ví dụ 7,5' });
        this.open(c, iso);
        const entry = { date: iso, volunteers, workdays_tenths: Math.round(Number(wd.value) * 10), materials: day.materials, note: day.note };
        p.log.push(entry);
        return entry;
      }
      case 'work_log':
        return (this.projects.find((p) => p.id === Number(input.project_id))?.log ?? []).slice().sort((a, b) => a.date.localeCompare(b.date));
      case 'record_project_money': {
        const c = this.commune(s('commune'));
        const p = this.project(s('project'));
        const money = input.money as Record<string, string>;
        const amount = this.amount(money.amount, 'vnd', 'Số tiền');
        const iso = this.date(money.date);
        this.open(c, iso);
        const direction = input.direction as Movement['direction'];
        if (direction === 'out') this.checkStock(c, 'repair', 'cash', amount, iso);
        return this.post(c.id, iso, 'repair', 'cash', direction, amount, money.category ?? (direction === 'in' ? 'donation' : 'materials'), { project: p.code, party: money.party || 'Nhà hảo tâm', memo: money.memo });
      }
      case 'void_entry': {
        const voucher = s('voucher');
        const reason = this.text(s('reason'), 'Lý do hủy');
        const trip = this.trips.find((t) => t.number === voucher);
        const rows = trip ? this.movements.filter((m) => m.trip === voucher) : this.movements.filter((m) => m.voucher === voucher);
        if (!trip && rows.length === 0) refuse('unknown_voucher', 'Không tìm thấy phiếu', { voucher });
        if ((trip && trip.void_reason) || rows.some((r) => r.void_reason)) refuse('already_voided', 'Đã hủy', { voucher });
        const c = this.communeById(trip?.commune_id ?? rows[0].commune_id);
        this.open(c, trip?.date ?? rows[0].date);
        for (const r of rows) r.void_reason = reason;
        if (trip) trip.void_reason = reason;
        return [voucher, ...rows.map((r) => r.voucher).filter((v) => v !== voucher)];
      }
      case 'close_month':
      case 'reopen_month': {
        const c = this.commune(s('commune'));
        const key = `${c.id}|${s('month')}`;
        const shown = `${s('month').slice(5)}/${s('month').slice(0, 4)}`;
        if (cmd === 'close_month') {
          if (this.locks.has(key)) refuse('month_state', 'Đã khóa', { commune: `Xã ${c.name}`, month: shown, state: 'đã khóa sổ rồi' });
          this.locks.add(key);
        } else {
          if (!this.locks.has(key)) refuse('month_state', 'Chưa khóa', { commune: `Xã ${c.name}`, month: shown, state: 'chưa khóa sổ' });
          this.locks.delete(key);
        }
        return null;
      }
      case 'month_closed':
        return this.locks.has(`${Number(input.commune_id)}|${s('month')}`);
      case 'balance': {
        const iso = this.date(s('date'));
        const upto = this.movements.filter((m) => m.commune_id === Number(input.commune_id) && m.program === input.program && !m.void_reason && m.date <= iso);
        const sum = (asset: string) => upto.filter((m) => m.asset === asset).reduce((t, m) => t + (m.direction === 'in' ? m.amount : -m.amount), 0);
        return { cash: String(sum('cash')), rice: fromStored(sum('rice'), 3) };
      }
      case 'list_movements': {
        const q = fold(s('search'));
        const rows = this.movements
          .filter(
            (m) =>
              (input.commune == null || m.commune_id === Number(input.commune)) &&
              (input.month == null || m.date.startsWith(s('month'))) &&
              (input.program == null || m.program === input.program) &&
              (input.asset == null || m.asset === input.asset) &&
              (q === '' || fold([m.voucher, m.party, m.household, m.memo].join(' ')).includes(q)),
          )
          .sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
        const offset = Number(input.offset ?? 0);
        const limit = Number(input.limit ?? 50);
        return { rows: rows.slice(offset, offset + limit).map((m) => this.movementRow(m)), total: rows.length };
      }
      case 'list_trips':
        return this.trips
          .filter((t) => t.commune_id === Number(input.commune_id) && t.date.startsWith(s('month')))
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((t) => {
            const own = this.movements.filter((m) => m.trip === t.number);
            const cost = own.filter((m) => m.direction === 'out').reduce((x, m) => x + m.amount, 0);
            const gift = own.filter((m) => m.direction === 'in').reduce((x, m) => x + m.amount, 0);
            return { number: t.number, date: t.date, patient: t.patient, from_hamlet: t.from_hamlet, destination: t.destination, km: fromStored(t.km, 3), driver: t.driver, vehicle: t.vehicle, purpose: t.purpose, cost: String(cost), donation: String(gift), void_reason: t.void_reason };
          });
      case 'overview':
        return this.overview(Number(input.commune_id), s('month'));
      case 'lunar': {
        const d = parseDate(s('date'));
        if (!d) refuse('invalid_date', 'Ngày không hợp lệ', { input: s('date') });
        const l = solarToLunar(d.day, d.month, d.year);
        const pad = (n: number) => String(n).padStart(2, '0');
        return { solar: showYmd(d), text: `${pad(l.day)}/${pad(l.month)}${l.leap ? ' nhuận' : ''}/${l.year} ÂL`, day: l.day, month: l.month, year: l.year, leap: l.leap, can_chi: canChi(l.year) };
      }
      case 'ram': {
        const r = lunarToSolar(15, Number(input.month), Number(input.year), Boolean(input.leap));
        if (!r) refuse('invalid_choice', 'Tháng âm lịch', { field: 'Tháng âm lịch', input: `${input.month}/${input.year}`, allowed: '1–12' });
        return showYmd({ day: r[0], month: r[1], year: r[2] });
      }
      case 'get_office':
        return this.office;
      case 'set_office':
        this.office = { ...(input as typeof this.office) };
        return null;
      case 'check_book':
        return { movements: this.movements.length, audit_entries: this.movements.length + 40, faults: [] };
      case 'backup_folder':
      case 'set_backup_folder': {
        if (cmd === 'set_backup_folder') {
          const folder = os('folder');
          if (folder?.startsWith('/home/vanphong/.local/share')) refuse('unsuitable_folder', 'Không dùng được', { folder, reason: 'nằm trong thư mục dữ liệu của chương trình' });
          this.backupChosen = folder;
        }
        return {
          folder: this.backupChosen ?? this.backupDefault,
          is_default: this.backupChosen === null,
          default_folder: this.backupDefault,
          last: this.bookError ? null : this.backupFiles.find((b) => b.day) ?? null,
          last_error: null,
        };
      }
      case 'backup_now': {
        if (this.bookError) refuse('not_a_book', 'Tệp không phải sổ', this.bookError.details as Json);
        const folder = os('folder') ?? this.backupChosen ?? this.backupDefault;
        if (folder.includes('chi-doc')) refuse('read_only', 'Chỉ đọc', { path: folder });
        const made = '2026-02-16 10:30';
        const name = `so-tinh-thuong-2026-02-16-1030${this.backupFiles.length}.db`;
        const file = { path: `${folder}/${name}`, name, book: 'so-tinh-thuong', day: null, made, bytes: 1_253_376 };
        if (!os('folder')) this.backupFiles.unshift(file);
        return {
          file,
          verified: { schema_version: 4, movements: this.movements.length, audit_entries: this.movements.length + 40, fingerprint: '3f9a-1c07-88be-52d4' },
        };
      }
      case 'list_backups':
        return this.backupFiles;
      case 'restore_backup': {
        const from = s('path');
        if (!from.endsWith('.db')) refuse('backup_invalid', 'Không dùng được', { path: from, detail: 'không phải tệp sổ' });
        if (this.bookError) {
          this.bookError = null;
          this.seedBook();
        }
        const setAside = this.path.replace(/\.db$/, '-truoc-khoi-phuc-2026-02-16-1031.db');
        return {
          book: this.path,
          from,
          set_aside: setAside,
          verified: { schema_version: 4, movements: this.movements.length, audit_entries: this.movements.length + 41, fingerprint: '7b21-90ce-4a1f-0d3e' },
        };
      }
      case 'list_openings':
        return this.openings.filter((o) => input.commune_id === null || o.commune_id === Number(input.commune_id));
      case 'set_opening': {
        const c = this.commune(s('commune'));
        const program = s('program');
        const date = this.date(s('date'));
        const others = this.openings.filter((o) => o.commune_id === c.id);
        if (others.length > 0 && others[0].date !== date) {
          refuse('start_date_differs', 'Ngày khác', { commune: `Xã ${c.name}`, start: others[0].date.split('-').reverse().join('/'), date: date.split('-').reverse().join('/') });
        }
        const put = (asset: 'cash' | 'rice', text: string | null, unit: 'vnd' | 'kg') => {
          if (text === null || text.trim() === '') return;
          const stored = text.trim() === '0' ? 0 : this.amount(text, unit, unit === 'vnd' ? 'Số tiền' : 'Số ký gạo');
          this.openings = this.openings.filter((o) => !(o.commune_id === c.id && o.program === program && o.asset === asset));
          if (stored === 0) return;
          const amount = unit === 'vnd' ? `${formatDecimal(stored)} đ` : `${fromStored(stored, 3)} kg`;
          this.openings.push({ commune_id: c.id, commune: `Xã ${c.name}`, program, asset, date, amount, stored });
        };
        put('cash', os('cash'), 'vnd');
        if (program === 'rice') put('rice', os('kg'), 'kg');
        return this.openings.filter((o) => o.commune_id === c.id);
      }
      case 'rename_hamlet': {
        const h = this.hamlets.find((x) => x.id === Number(input.id));
        if (!h) return refuse('unknown_hamlet', 'Không có ấp', { name: `#${String(input.id)}`, commune: '' });
        const name = this.text(s('name'), 'Tên ấp');
        if (this.hamlets.some((x) => x !== h && x.commune_id === h.commune_id && fold(x.name) === fold(name))) refuse('duplicate_name', 'Đã có', { what: 'Ấp', name });
        for (const x of this.households) if (x.hamlet === h.name) x.hamlet = name;
        h.name = name;
        return h;
      }
      case 'correct_household': {
        const h = this.households.find((x) => x.id === Number(input.id));
        if (!h) return refuse('unknown_household', 'Không có hộ', { name: `#${String(input.id)}`, commune: '' });
        const name = os('name') === null ? h.name : this.text(s('name'), 'Tên hộ');
        const typed = (input.hamlet ?? null) as string | null;
        const hamlet =
          typed === null
            ? h.hamlet
            : typed.trim() === ''
              ? null
              : this.findByName(this.hamlets.filter((x) => x.commune_id === h.commune_id), typed, 'ấp', () =>
                  refuse('unknown_hamlet', 'Không có ấp', { name: typed, commune: '' }),
                ).name;
        const twin = this.households.find((x) => x !== h && x.commune_id === h.commune_id && x.hamlet === hamlet && fold(x.name) === fold(name));
        if (twin) refuse('duplicate_household', 'Đã có hộ', { label: `${twin.name} (${twin.hamlet ?? NO_HAMLET})`, name });
        Object.assign(h, { name, hamlet, status: (os('status') as Household['status']) ?? h.status });
        return h;
      }
      case 'rename_named': {
        const lists: Record<string, Named[]> = { party: this.parties, driver: this.drivers, vehicle: this.vehicles, destination: this.destinations };
        const list = lists[s('register')] ?? [];
        const row = list.find((x) => x.id === Number(input.id));
        if (!row) return refuse('unknown_name', 'Không có', { what: s('register'), name: `#${String(input.id)}` });
        const name = this.text(s('name'), 'Tên');
        if (list.some((x) => x !== row && fold(x.name) === fold(name))) refuse('duplicate_name', 'Đã có', { what: s('register'), name });
        row.name = name;
        return row;
      }
      case 'merge_parties': {
        const from = this.parties.find((x) => x.id === Number(input.from));
        const into = this.parties.find((x) => fold(x.name) === fold(s('into')));
        if (!into) return refuse('unknown_name', 'Không có', { what: 'người nộp / nhận', name: s('into') });
        if (!from || from === into) return refuse('merge_refused', 'Không gộp được', { from: from?.name ?? '', into: into.name, reason: 'là cùng một người' });
        this.parties = this.parties.filter((x) => x !== from);
        return into;
      }
      case 'plugin:dialog|open': {
        // why: the preview has no system dialog; a USB stick for folders, a backup for files.
        const options = (args.options ?? {}) as Json;
        return options.directory ? '/media/vanphong/USB' : this.backupFiles[this.backupFiles.length - 1].path;
      }
      default:
        return refuse('storage', `mock: unknown command ${cmd}`, { detail: cmd });
    }
  }

  private project(key: string): Project {
    const p = this.projects.find((x) => x.code === key || fold(x.name) === fold(key));
    if (!p) refuse('unknown_project', 'Không có công trình', { code: key });
    return p;
  }

  private projectRow(p: Project) {
    const own = this.movements.filter((m) => m.project === p.code && !m.void_reason);
    const sum = (d: string) => String(own.filter((m) => m.direction === d).reduce((x, m) => x + m.amount, 0));
    const { log, ...row } = p;
    return { ...row, received: sum('in'), spent: sum('out'), workdays_tenths: log.reduce((x, d) => x + d.workdays_tenths, 0) };
  }

  private movementRow(m: Movement) {
    const [y, mo, d] = m.date.split('-').map(Number);
    const l = solarToLunar(d, mo, y);
    const pad = (n: number) => String(n).padStart(2, '0');
    const c = this.communeById(m.commune_id);
    const { commune_id: _c, ...rest } = m;
    void _c;
    return {
      ...rest,
      lunar: `${pad(l.day)}/${pad(l.month)}${l.leap ? ' nhuận' : ''}/${l.year} ÂL`,
      commune: c.name,
      amount_text: m.asset === 'rice' ? `${formatDecimal(fromStored(m.amount, 3))} kg` : `${formatDecimal(m.amount)} đ`,
      paper_voucher: null,
      // why: the running balance is the core's (ledger::running_balances); the preview shows none.
      balance: null,
    };
  }

  private overview(communeId: number, month: string) {
    const live = this.movements.filter((m) => m.commune_id === communeId && !m.void_reason);
    const total = (list: Movement[], asset: string, dir: string) => list.filter((m) => m.asset === asset && m.direction === dir).reduce((s, m) => s + m.amount, 0);
    const programs = (['rice', 'transport', 'repair'] as const).map((program) => {
      const mine = live.filter((m) => m.program === program);
      const before = mine.filter((m) => m.date < `${month}-01`);
      const inside = mine.filter((m) => m.date.startsWith(month));
      const oc = total(before, 'cash', 'in') - total(before, 'cash', 'out');
      const or = total(before, 'rice', 'in') - total(before, 'rice', 'out');
      const ci = total(inside, 'cash', 'in');
      const co = total(inside, 'cash', 'out');
      const ri = total(inside, 'rice', 'in');
      const ro = total(inside, 'rice', 'out');
      return {
        program,
        opening_cash: String(oc),
        cash_in: String(ci),
        cash_out: String(co),
        closing_cash: String(oc + ci - co),
        opening_rice: fromStored(or, 3),
        rice_in: fromStored(ri, 3),
        rice_out: fromStored(ro, 3),
        closing_rice: fromStored(or + ri - ro, 3),
        entries: inside.length,
      };
    });
    const chart = Array.from({ length: 12 }, (_, i) => {
      const m = addMonths(month, i - 11);
      const inside = live.filter((x) => x.date.startsWith(m));
      return {
        month: m,
        cash_in: String(total(inside, 'cash', 'in')),
        cash_out: String(total(inside, 'cash', 'out')),
        rice_in: fromStored(total(inside, 'rice', 'in'), 3),
        rice_out: fromStored(total(inside, 'rice', 'out'), 3),
      };
    });
    return { commune_id: communeId, month, closed: this.locks.has(`${communeId}|${month}`), programs, chart };
  }
}
