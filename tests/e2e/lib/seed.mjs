// A book with a full month in it, made through the command-line tool (the same core as the
// window): October 2026 of Xã Phú Hữu with the long names a real office has — hospitals in Long
// Xuyên and TP. Hồ Chí Minh, donors with their shop in brackets, a finished bridge — so that the
// screens are judged with what makes them overflow, not with "A" and "B".

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './app.mjs';

export const CLI = path.join(ROOT, 'target/debug/sotinhthuong-cli');
export const MONTH = { year: '2026', month: 'Tháng 10', commune: 'Xã Phú Hữu' };

export const LONG = {
  hospital: 'Bệnh viện Đa khoa Trung tâm An Giang (Long Xuyên)',
  choRay: 'Bệnh viện Chợ Rẫy (TP. Hồ Chí Minh)',
  chauDoc: 'Bệnh viện Đa khoa khu vực tỉnh An Giang (Châu Đốc)',
  donor: 'Bà Huỳnh Thị Kim Chi (Tiệm vàng Kim Chi, chợ Phú Hữu)',
  household: 'Nguyễn Thị Ngọc Bích Phượng',
};

/** Runs the CLI on `book`; returns its last line (the voucher of a `record`). */
export function cli(book, ...args) {
  const out = execFileSync(CLI, ['--db', book, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.trim().split('\n').pop();
}

/** Fills `book` (a new file) with October 2026 of Xã Phú Hữu. */
export function seedMonth(book) {
  const c = ['--commune', 'Phú Hữu'];
  cli(book, 'init', '--preset', 'an-phu-2025');
  cli(
    book, 'settings', 'set',
    '--parent-body', 'UBND TỈNH AN GIANG',
    '--issuing-body', 'ỦY BAN NHÂN DÂN XÃ PHÚ HỮU',
    '--organisation', 'Ban công tác Mặt trận xã Phú Hữu',
    '--place', 'Phú Hữu',
    '--preparer', 'Nguyễn Thị Lan',
    '--accountant', 'Trần Văn Minh',
    '--cashier', 'Lê Thị Hồng',
    '--chairman', 'Phạm Văn Hùng',
  );
  for (const h of ['Phú Thạnh', 'Phú Hiệp', 'Vĩnh Thạnh', 'Vĩnh Phú']) cli(book, 'hamlet', 'add', ...c, '--name', h);
  const households = [
    ['Nguyễn Văn Ba', 'Phú Thạnh', 'ngheo'],
    ['Trần Thị Bé', 'Phú Thạnh', 'can-ngheo'],
    ['Lê Văn Tư', 'Vĩnh Phú', 'ngheo'],
    [LONG.household, 'Vĩnh Thạnh', 'kho-khan'],
    ['Võ Văn Năm', 'Phú Hiệp', 'ngheo'],
    ['Lê Văn Tư', 'Phú Hiệp', 'can-ngheo'],
  ];
  for (const [name, hamlet, status] of households) cli(book, 'household', 'add', ...c, '--name', name, '--hamlet', hamlet, '--status', status);
  cli(book, 'destination', 'set', '--name', LONG.hospital, '--km', '72,5');
  cli(book, 'destination', 'set', '--name', LONG.choRay, '--km', '240');
  cli(book, 'destination', 'set', '--name', LONG.chauDoc, '--km', '17');
  cli(book, 'destination', 'set', '--name', 'Trạm y tế xã Phú Hữu', '--km', '3');

  const rounds = [['Phú Thạnh', '880,5', '35'], ['Phú Hiệp', '712', '28'], ['Vĩnh Thạnh', '655,5', '31'], ['Vĩnh Phú', '801', '33']];
  for (const [hamlet, kg, n] of rounds) {
    cli(book, 'record', 'rice-in', ...c, '--date', '24/10/2026', '--kg', kg, '--hamlet', hamlet, '--households', n, '--party', 'Tổ thu gạo ấp ' + hamlet);
  }
  const handouts = [['Nguyễn Văn Ba', '40'], ['Trần Thị Bé', '20'], ['Lê Văn Tư (Vĩnh Phú)', '30'], [LONG.household, '25'], ['Võ Văn Năm', '30'], ['Lê Văn Tư (Phú Hiệp)', '20']];
  for (const [household, kg] of handouts) cli(book, 'record', 'rice-out', ...c, '--date', '25/10/2026', '--kg', kg, '--household', household, '--memo', 'Cấp gạo tháng 10');

  cli(book, 'record', 'cash-in', ...c, '--program', 'transport', '--date', '01/10/2026', '--amount', '5.000.000', '--party', LONG.donor, '--memo', 'Ủng hộ xăng xe chuyển bệnh');
  cli(book, 'record', 'cash-in', ...c, '--program', 'rice', '--date', '05/10/2026', '--amount', '2.000.000', '--party', 'Hội Phụ nữ xã Phú Hữu', '--memo', 'Ủng hộ hộ nghèo mua gạo');
  cli(book, 'record', 'cash-out', ...c, '--program', 'rice', '--date', '26/10/2026', '--amount', '500.000', '--party', 'Nguyễn Văn Ba', '--memo', 'Hỗ trợ tiền mặt hộ nghèo');
  const trips = [
    ['02/10/2026', 'Võ Thị Năm', LONG.hospital, 'Phú Thạnh', 'Chạy thận định kỳ', '300.000'],
    ['09/10/2026', 'Trần Văn Út', LONG.choRay, 'Vĩnh Phú', 'Mổ tim theo hẹn của bệnh viện', '900.000'],
    ['15/10/2026', 'Lê Thị Sáu', LONG.chauDoc, 'Phú Hiệp', 'Sinh con', '120.000'],
    ['21/10/2026', 'Nguyễn Văn Bảy', 'Trạm y tế xã Phú Hữu', 'Vĩnh Thạnh', 'Cấp cứu', '40.000'],
  ];
  for (const [date, patient, to, from, purpose, cost] of trips) {
    cli(book, 'record', 'trip', ...c, '--date', date, '--patient', patient, '--to', to, '--from-hamlet', from, '--driver', 'Nguyễn Văn Tài', '--vehicle', '67B-012.34', '--cost', cost, '--purpose', purpose);
  }
  cli(book, 'project', 'add', ...c, '--name', 'Cầu ấp Phú Thạnh (bắc qua rạch Cái Tắc)', '--kind', 'bridge', '--hamlet', 'Phú Thạnh', '--size', 'dài 12 m, rộng 2 m', '--estimate', '20.000.000', '--start', '05/10/2026');
  cli(book, 'project', 'log', ...c, '--project', 'CT-2026-0001', '--date', '12/10/2026', '--volunteers', '15', '--workdays', '7,5', '--materials', '10 bao xi măng, 2 m³ cát');
  cli(book, 'project', 'contribute', ...c, '--project', 'CT-2026-0001', '--date', '12/10/2026', '--amount', '2.000.000', '--party', 'Hội Phụ nữ xã Phú Hữu');
  cli(book, 'project', 'cost', ...c, '--project', 'CT-2026-0001', '--date', '13/10/2026', '--amount', '1.200.000', '--party', 'Cửa hàng VLXD Phú Thạnh', '--category', 'materials');
  cli(book, 'project', 'add', ...c, '--name', 'Đường đal ấp Vĩnh Phú', '--kind', 'road', '--hamlet', 'Vĩnh Phú', '--size', 'dài 300 m', '--estimate', '6.000.000', '--start', '01/10/2026');
  cli(book, 'project', 'status', ...c, '--project', 'CT-2026-0002', '--status', 'done', '--date', '20/10/2026');
  cli(book, 'void', 'PX-2026-0002', '--reason', 'Nhập nhầm hộ', ...c);
}
