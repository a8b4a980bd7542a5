// The first day of an office with Sổ Tình Thương, through the real window: the books it already
// keeps in Excel are imported. A book with Xã Phú Hữu and its hamlets is made with the CLI; then,
// in the window, the clerk types the opening balance of the patient-transport fund (1.000.000 đ on
// 01/01/2026) in Danh mục → Số dư đầu kỳ, imports the household list, imports the fund's cash book for January–March 2026
// correcting one column the guess left out ("Đối tượng" → Người nộp/nhận), sees the dry run refuse
// exactly two rows (dated before the books start; a payment larger than the fund), imports the good
// rows only, is told a second run adds nothing, finds the balances in Thu chi, corrects a misspelt
// household in Danh mục, and saves January's monthly summary as a PDF whose opening balance and
// totals are the sheet's.
//
// The sheets are made by `cargo run --example office_sheets` (rust_xlsxwriter): title rows,
// merged cells, a header over two rows, "Cộng" rows, a blank row, an Excel date, text dates, a bare
// serial date, text amounts "2.500.000", a name in NFD. Each step leaves the book as the next
// expects; `OPENING`, `GOOD`, `JANUARY` and `MARCH` say what the sheet holds.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, choose, fill, find, frameText, freshHome, go, openApp, pageText, press, pressInRow, quitApp, rowOf, savedPdf, screenshot, startDriver, textOf, waitText } from './lib/app.mjs';
import { cli } from './lib/seed.mjs';

const SHEETS = path.join(ROOT, 'target/debug/examples/office_sheets');
const COMMUNE = 'Xã Phú Hữu';
const HAMLETS = ['Phú Thạnh', 'Phú Hiệp', 'Vĩnh Thạnh', 'Vĩnh Phú'];
/** The transport fund's opening balance, set before anything is imported. */
const OPENING = { date: '01/01/2026', cash: '1.000.000' };
/** What the cash book holds: its good rows, the two the book refuses, its totals and blanks. */
const GOOD = 7;
const REFUSED = [
  { row: 7, says: 'không ghi được phiếu ngày 28/12/2025 trước ngày đó' },
  { row: 14, says: 'còn 7.000.000 đ, cần 9.000.000 đ (tồn quỹ sẽ âm vào ngày 10/02/2026)' },
];
const SKIPPED = 6;
/** January 2026 of the fund once the good rows are in (as Thu chi and the monthly summary show it). */
const JANUARY = { opening: '1.000.000', in: '5.000.000', out: '1.500.000' };
/** March 2026 of the fund once the good rows are in. */
const MARCH = { opening: '6.550.000 đ', in: '1.000.000 đ', out: '380.000 đ', closing: '7.170.000 đ' };

const home = freshHome('office');
let driver;
let app;
let broken = false;
let files = {};

/** One step of the story: skipped once an earlier one failed; a screenshot after it. */
function step(name, fn) {
  it(name, { timeout: 120_000 }, async (t) => {
    if (broken) return t.skip('an earlier step failed');
    try {
      await fn(t);
      await screenshot(app, name);
    } catch (error) {
      broken = true;
      await screenshot(app, `FAILED ${name}`);
      try {
        fs.writeFileSync(path.join(SHOTS, 'FAILED-office-books-text.txt'), await pageText(app));
      } catch {
        // the window may be gone
      }
      throw error;
    }
  });
}

/** The book an office starts from: its communes and hamlets (the opening balance is typed in the
 * window). */
function seedOffice(book) {
  cli(book, 'init', '--preset', 'an-phu-2025');
  for (const h of HAMLETS) cli(book, 'hamlet', 'add', '--commune', 'Phú Hữu', '--name', h);
}

/** Reads a file on the import screen (the path typed, as when pasted; Enter reads it). */
async function readFile(file) {
  const el = await fill(app, 'Tệp', file);
  await app.keys('Enter');
  await waitText(app, `Trang “`, { timeout: 15000 });
}

/** The counts line of the last dry run. */
async function counts() {
  return app.execute(() => document.querySelector('[aria-label="Kết quả chạy thử"]')?.innerText.replace(/\s+/g, ' ').trim() ?? '');
}

/** The rows of a table named `name`: [row number, reason]. */
async function tableRows(name) {
  return app.execute((want) => {
    const table = document.querySelector(`table[aria-label="${want}"]`);
    return table ? [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.innerText.trim())) : null;
  }, name);
}

async function dryRun() {
  await press(app, 'Chạy thử', { prefix: true });
  await app.waitUntil(async () => (await counts()) !== '', { timeout: 30000, timeoutMsg: 'the dry run showed no counts' });
}

describe('an office brings its Excel books into the window', () => {
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const out = execFileSync(SHEETS, [path.join(home.dir, 'sheets')], { encoding: 'utf8' }).trim().split('\n');
    files = { households: out[0], cash: out[1] };
    seedOffice(home.book);
    driver = await startDriver(home.env);
    app = await openApp();
  });

  after(async () => {
    if (app) await quitApp(app);
    driver?.stop();
    fs.rmSync(home.dir, { recursive: true, force: true });
  });

  step('Danh mục: the opening balance of the patient-transport fund, typed in the window', async () => {
    await go(app, 'Danh mục');
    await choose(app, 'Xã', COMMUNE);
    await press(app, 'Số dư đầu kỳ', { scope: 'Danh mục' });
    await waitText(app, 'Chưa có số dư đầu kỳ: sổ bắt đầu từ số không.');
    await choose(app, 'Mô hình', 'Xe chuyển bệnh');
    await fill(app, 'Ngày bắt đầu sổ', OPENING.date);
    await fill(app, 'Tiền mặt tồn quỹ (đ)', OPENING.cash);
    await app.keys('Enter');
    await waitText(app, `Đã lưu số dư đầu kỳ của Xe chuyển bệnh, ${COMMUNE}`);
    const saved = await rowOf(app, 'Xe chuyển bệnh');
    assert.equal(saved['Số dư'], `${OPENING.cash} đ`);
    assert.equal(saved['Ngày bắt đầu sổ'], OPENING.date);
  });

  step('Nhập từ sổ cũ is in the navigation', async () => {
    await go(app, 'Nhập từ sổ cũ');
    await waitText(app, '1. Chọn loại dữ liệu và tệp');
    await choose(app, 'Xã, thị trấn', COMMUNE);
  });

  step('the household list: header found, six households imported', async () => {
    await choose(app, 'Loại dữ liệu', 'Danh sách hộ');
    await readFile(files.households);
    await waitText(app, 'Trang “DS hộ nghèo”');
    assert.equal(await (await find(app, 'field', 'Cột của “Tên”')).getValue(), 'B', 'the name column is guessed from “Họ và tên chủ hộ”');
    assert.equal(await (await find(app, 'field', 'Cột của “Ấp”')).getValue(), 'C');
    await dryRun();
    assert.match(await counts(), /^6 dòng sẽ nhập 0 dòng bị từ chối 1 dòng bỏ qua \(trống, cộng, tiêu đề\) 0 dòng đã nhập trước đó$/);
    await press(app, 'Nhập tất cả');
    await waitText(app, 'Đã nhập 6 dòng vào sổ.', { timeout: 20000 });
  });

  step('the household list again: nothing added, and it says so', async () => {
    await dryRun();
    assert.match(await counts(), /^0 dòng sẽ nhập 0 dòng bị từ chối 1 dòng bỏ qua \(trống, cộng, tiêu đề\) 6 dòng đã nhập trước đó$/);
    await waitText(app, 'Mọi dòng của tệp này đã nhập trước đó; nhập lại sẽ không thêm gì.');
    const all = await find(app, 'button', 'Nhập tất cả');
    assert.equal(await all.isEnabled(), false, 'nothing left to import');
  });

  step('the cash book: two-row header read, one column corrected by the clerk', async () => {
    await choose(app, 'Loại dữ liệu', 'Sổ quỹ tiền mặt');
    await readFile(files.cash);
    await waitText(app, 'Trang “Sổ quỹ 2026”: dòng tiêu đề 4–5');
    assert.equal(await (await find(app, 'field', 'Cột của “Ngày”')).getValue(), 'A');
    assert.equal(await (await find(app, 'field', 'Cột của “Số tiền thu”')).getValue(), 'F', '“Số tiền: Thu” under a merged parent');
    assert.equal(await (await find(app, 'field', 'Cột của “Người nộp/nhận”')).getValue(), '', '“Đối tượng” is no word the guess knows');
    await choose(app, 'Cột của “Người nộp/nhận”', 'E · Đối tượng');
    await app.waitUntil(async () => (await textOf(app, '2. Xem trước và chọn cột')).includes('→ Người nộp/nhận'), {
      timeout: 8000,
      timeoutMsg: 'the corrected column is labelled in the preview',
    });
    await choose(app, 'Mô hình của sổ quỹ', 'Xe chuyển bệnh');
  });

  step('the dry run refuses exactly the two bad rows, in plain Vietnamese', async () => {
    await dryRun();
    assert.match(await counts(), new RegExp(`^${GOOD} dòng sẽ nhập ${REFUSED.length} dòng bị từ chối ${SKIPPED} dòng bỏ qua \\(trống, cộng, tiêu đề\\) 0 dòng đã nhập trước đó$`));
    const refused = await tableRows('Các dòng bị từ chối');
    assert.deepEqual(refused.map((r) => Number(r[0])), REFUSED.map((r) => r.row));
    for (const [i, r] of REFUSED.entries()) assert.ok(refused[i][1].includes(r.says), `row ${r.row}: ${refused[i][1]}`);
    assert.equal(await (await find(app, 'button', 'Nhập tất cả')).isEnabled(), false, 'not all rows can be imported');
  });

  step('only the good rows are imported, after a question naming the two left out', async () => {
    await press(app, 'Chỉ nhập các dòng hợp lệ');
    await waitText(app, `${REFUSED.length} dòng bị từ chối sẽ bị bỏ ra, không nhập; ${GOOD} dòng hợp lệ sẽ được nhập`);
    await press(app, 'Nhập các dòng hợp lệ');
    await waitText(app, `Đã nhập ${GOOD} dòng vào sổ.`, { timeout: 20000 });
  });

  step('Thu chi: the opening is the opening, and March closes as the sheet does', async () => {
    await go(app, 'Thu chi');
    await press(app, 'Xe chuyển bệnh', { scope: 'Thu chi', prefix: true });
    await choose(app, 'Xã', COMMUNE);
    await choose(app, 'Chọn năm', '2026');
    await choose(app, 'Chọn tháng', 'Tháng 1');
    await waitText(app, /Tồn đầu tháng\s+1\.000\.000 đ\s+Thu trong tháng\s+\+ 5\.000\.000 đ\s+Chi trong tháng\s+− 1\.500\.000 đ/, {
      scope: 'Quỹ tiền mặt trong tháng',
    });
    const gift = await rowOf(app, 'PT-2026-0001');
    assert.match(Object.values(gift).join(' | '), /Bà Huỳnh Thị Kim Chi/, 'the corrected column gave the receipt its donor');
    await choose(app, 'Chọn tháng', 'Tháng 3');
    await waitText(app, new RegExp(`Tồn đầu tháng\\s+${MARCH.opening}\\s+Thu trong tháng\\s+\\+ ${MARCH.in}\\s+Chi trong tháng\\s+− ${MARCH.out}\\s+Tồn cuối tháng\\s+${MARCH.closing}`.replace(/\./g, '\\.')), {
      scope: 'Quỹ tiền mặt trong tháng',
    });
  });

  step('Danh mục: a misspelt household corrected; its row keeps its hamlet and standing', async () => {
    await go(app, 'Danh mục');
    await press(app, 'Hộ gia đình', { scope: 'Danh mục' });
    await pressInRow(app, 'Nguyễn Văn Ba', 'Sửa');
    await waitText(app, 'Sửa hộ Nguyễn Văn Ba');
    await fill(app, 'Tên chủ hộ', 'Nguyễn Văn Bá');
    await app.keys('Enter');
    await waitText(app, 'Đã sửa: Nguyễn Văn Bá.', { timeout: 10000 });
    const row = await rowOf(app, 'Nguyễn Văn Bá');
    assert.equal(row['Ấp'], 'Phú Thạnh');
    assert.equal(row['Diện hộ năm 2026'], 'Hộ nghèo');
    const names = await app.execute(() => [...document.querySelectorAll('table.list tbody tr td:first-child')].map((c) => c.innerText.trim()));
    assert.ok(!names.includes('Nguyễn Văn Ba'), 'the old spelling is gone from the list');
  });

  step('Báo cáo: January\'s monthly summary, saved as a PDF, opens with the opening balance and the sheet\'s totals', async () => {
    await go(app, 'Báo cáo');
    await choose(app, 'Xã', COMMUNE);
    await choose(app, 'Chọn năm', '2026');
    await choose(app, 'Chọn tháng', 'Tháng 1');
    await choose(app, 'Loại báo cáo', 'Báo cáo tháng');
    await press(app, 'Xem');
    let seen = '';
    await app
      .waitUntil(async () => (seen = (await frameText(app)).replace(/\s+/g, ' ')).match(/tháng 0?1\/2026/) !== null, { timeout: 20000, interval: 300 })
      .catch(() => {
        throw new Error(`The preview never showed January 2026. It showed:\n${seen.slice(0, 2000)}`);
      });
    const started = Date.now();
    await press(app, 'Lưu PDF');
    const pdf = await savedPdf(app, home.dir, started);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, /Số dư đầu kỳ chuyển sang/, 'the opening balance is printed as such');
    for (const figure of [JANUARY.opening, JANUARY.in, JANUARY.out]) assert.ok(text.includes(figure), `the summary prints ${figure}`);
    // The opening balance is not a receipt: January's receipts are the sheet's 5.000.000 đ alone.
    assert.ok(!text.includes('6.000.000'), 'the opening balance is not added to the receipts');
  });
});
