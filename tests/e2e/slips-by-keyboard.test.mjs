// Slips typed ahead of the screen, keyboard only, through the real window. Every entry form gets
// a slip's keys in one WebDriver burst with no pause between them — the names, the Tabs, the
// Enter — faster than the suggestions can come, as a fast typist or Unikey finishing a word sends
// them; then the saved entry is read back from the window's own lists, field by field. Also: a
// shortcut for every screen, the Tab order of each slip, and where the focus goes after a save,
// a void, a cancel and a new project.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  SHOTS,
  choose,
  find,
  freshHome,
  openApp,
  pageText,
  quitApp,
  rowOf,
  screenshot,
  startDriver,
  waitText,
} from './lib/app.mjs';
import { Clerk } from './lib/clerk.mjs';
import { LONG, seedMonth } from './lib/seed.mjs';

const home = freshHome('slips');
let driver;
let app;
let clerk;
let broken = false;

function step(name, fn) {
  it(name, { timeout: 60_000 }, async (t) => {
    if (broken) return t.skip('an earlier step failed');
    try {
      await fn();
      await screenshot(app, `keys ${name}`);
    } catch (error) {
      broken = true;
      await screenshot(app, `FAILED keys ${name}`);
      try {
        fs.writeFileSync(path.join(SHOTS, 'FAILED-keys-screen-text.txt'), await pageText(app));
      } catch {
        // the window may be gone
      }
      throw error;
    }
  });
}

const line = (row) => Object.values(row).join(' | ');

/** The field labelled `label` in the form under the heading `form`. */
const field = (label, form) => find(app, 'field', label, { scope: form });

/** What has the focus: its label (or its text), for assertions that read like the screen. */
async function focusedLabel() {
  return app.execute(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '(nothing)';
    const label = el.labels?.[0] ?? el.closest('label');
    const text = (label ?? el).textContent ?? '';
    return text.replace(/\s+/g, ' ').replace(/\*|Alt\+\w/g, '').trim() || el.tagName.toLowerCase();
  });
}

/** The labels of a form's Tab stops, in Tab order. */
async function tabOrder(form) {
  const scope = await find(app, 'scope', '', { scope: form });
  return app.execute((box) => {
    const all = [...box.querySelectorAll('input, select, textarea, button')];
    const label = (el) => {
      if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
      const l = el.labels?.[0] ?? el.closest('label');
      const text = l ? l.cloneNode(true) : el.cloneNode(true);
      if (text.querySelectorAll) text.querySelectorAll('kbd, .req, select').forEach((n) => n.remove());
      return (text.textContent || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    };
    return all
      .filter((el) => el.tabIndex >= 0 && !el.disabled && (el.offsetWidth || el.offsetHeight))
      .filter((el) => el.type !== 'radio' || el.checked)
      .map(label);
  }, scope);
}

async function waitFocus(label) {
  await app.waitUntil(async () => (await focusedLabel()).startsWith(label), {
    timeout: 5000,
    timeoutMsg: `the focus should be on “${label}”`,
  });
}

describe('slips typed ahead of the screen, keyboard only', () => {
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    seedMonth(home.book);
    driver = await startDriver(home.env);
    app = await openApp();
    clerk = new Clerk(app, { mode: 'burst' });
    await choose(app, 'Xã', 'Xã Phú Hữu');
    await choose(app, 'Chọn năm', '2026');
    await choose(app, 'Chọn tháng', 'Tháng 11');
    await waitText(app, 'tháng 11/2026');
  });

  after(async () => {
    if (app) await quitApp(app);
    driver?.stop();
    fs.rmSync(home.dir, { recursive: true, force: true });
  });

  step('every screen is one key away: Alt+1 … Alt+9', async () => {
    const screens = ['Tổng quan', 'Nắm gạo tình thương', 'Xe chuyển bệnh', 'Sửa chữa cầu đường', 'Thu chi', 'Báo cáo', 'Danh mục', 'Cài đặt', 'Nhập từ sổ cũ'];
    for (const [i, title] of screens.entries()) {
      await clerk.press(`Alt+${i + 1}`);
      await app.waitUntil(async () => (await app.execute(() => document.querySelector('main h1')?.textContent ?? '')).startsWith(title), {
        timeout: 5000,
        timeoutMsg: `Alt+${i + 1} should open ${title}`,
      });
    }
    // The shortcut is written beside each screen's name.
    const nav = await app.execute(() => [...document.querySelectorAll('nav button')].map((b) => b.innerText.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(nav, ['Tổng quan Alt+1', 'Nắm gạo Alt+2', 'Xe chuyển bệnh Alt+3', 'Cầu đường Alt+4', 'Thu chi Alt+5', 'Báo cáo Alt+6', 'Danh mục Alt+7', 'Cài đặt Alt+8', 'Nhập từ sổ cũ Alt+9']);
  });

  step('Nắm gạo: a round typed over the remembered hamlet lands whole (PN)', async () => {
    const form = 'Phiếu nhập kho — đợt thu gạo';
    await clerk.press('Alt+2');
    await clerk.press('Alt+T');
    await waitFocus('Ấp');
    assert.deepEqual(await tabOrder(form), ['Ngày', 'Ấp', 'Số ký gạo', 'Số hộ góp', 'Người/đơn vị nộp', 'Ghi chú', 'Lưu phiếu', 'Nhập lại'], 'the paper slip’s order');
    await clerk.fillAndSave([
      [await field('Ngày', form), '23/11/2026'],
      [await field('Ấp', form), 'Vĩnh Thạnh'],
      [await field('Số ký gạo', form), '700'],
      [await field('Số hộ góp', form), '25'],
    ]);
    await waitText(app, 'Đã lưu phiếu PN-2026-0005');
    await waitFocus('Ấp');
    // The slip: "Vĩnh Phú" typed over the remembered "Vĩnh Thạnh", Tab at once, 62, 30.
    await clerk.fillAndSave([
      [await field('Ấp', form), 'Vĩnh Phú', { kept: false }],
      [await field('Số ký gạo', form), '62'],
      [await field('Số hộ góp', form), '30'],
    ]);
    await waitText(app, 'Đã lưu phiếu PN-2026-0006');
    const row = await rowOf(app, 'PN-2026-0006');
    assert.match(row['Ngày'], /^23\/11\/2026 ÂL/);
    assert.equal(row['Nhập (kg)'], '62 kg', 'the 62 typed after the Tab is the kg');
    assert.match(line(row), /ấp Vĩnh Phú · 30 hộ/, 'the 30 is the households, the hamlet the one typed');
    assert.equal((await rowOf(app, 'PN-2026-0005'))['Nhập (kg)'], '700 kg');
  });

  step('Nắm gạo: two handouts typed in one go, the second while the first is saved (PX)', async () => {
    const form = 'Phiếu xuất kho — cấp gạo';
    await clerk.press('Alt+C');
    await waitFocus('Hộ nhận gạo');
    assert.deepEqual(await tabOrder(form), ['Ngày', 'Hộ nhận gạo', 'Số ký gạo', 'Ghi chú', 'Lưu phiếu', 'Nhập lại']);
    await clerk.fillAndSave(
      [
        [await field('Hộ nhận gạo', form), 'nguyen van ba'],
        [await field('Số ký gạo', form), '15'],
      ],
      { send: false },
    );
    await clerk.then([{ type: 'tran thi be' }, { press: 'Tab' }, { type: '12' }, { press: 'Enter' }]);
    await waitText(app, 'Đã lưu phiếu PX-2026-0008');
    const first = await rowOf(app, 'PX-2026-0007');
    assert.match(line(first), /Nguyễn Văn Ba/);
    assert.equal(first['Xuất (kg)'], '15 kg');
    const second = await rowOf(app, 'PX-2026-0008');
    assert.match(line(second), /Trần Thị Bé/, 'the second slip, typed during the first save, is whole');
    assert.equal(second['Xuất (kg)'], '12 kg');
    await waitFocus('Hộ nhận gạo');
  });

  step('Thu chi: a receipt and a payment, Thu and Chi chosen by Alt+T / Alt+C (PT, PC)', async () => {
    await clerk.press('Alt+5');
    await clerk.press('Alt+X');
    await clerk.press('Alt+T');
    const form = 'Phiếu thu';
    await waitFocus('Người ủng hộ');
    assert.deepEqual(await tabOrder(form), ['Thu', 'Ngày', 'Người ủng hộ', 'Nội dung', 'Số tiền (đồng)', 'Loại thu chi', 'Lưu phiếu', 'Nhập lại']);
    await clerk.fillAndSave([
      [await field('Người ủng hộ', form), 'Trần Văn Giàu'],
      [await field('Nội dung', form), 'Ủng hộ xăng xe'],
      [await field('Số tiền (đồng)', form), '500.000'],
    ]);
    await waitText(app, 'Đã lưu phiếu PT-2026-0004');
    let row = await rowOf(app, 'PT-2026-0004');
    assert.equal(row['Thu'], '500.000 đ');
    assert.match(line(row), /Trần Văn Giàu/);
    assert.match(line(row), /Ủng hộ xăng xe/);
    await clerk.press('Alt+C');
    const out = 'Phiếu chi';
    await waitFocus('Người nhận / nơi mua');
    assert.ok(!(await pageText(app)).includes('Đã lưu phiếu PT-2026-0004'), 'a payment slip does not show the receipt’s notice');
    await clerk.fillAndSave([
      [await field('Người nhận / nơi mua', out), 'Cây xăng Phú Hữu'],
      [await field('Nội dung', out), 'Đổ xăng xe chuyển bệnh'],
      [await field('Số tiền (đồng)', out), '200.000'],
    ]);
    await waitText(app, 'Đã lưu phiếu PC-2026-0007');
    row = await rowOf(app, 'PC-2026-0007');
    assert.equal(row['Chi'], '200.000 đ');
    assert.equal(row['Loại'], 'Nhiên liệu');
    assert.match(line(row), /Cây xăng Phú Hữu/);
    // The fund book's running balance, from the core: October left 5.000.000 − 1.360.000 đ.
    assert.equal((await rowOf(app, 'PT-2026-0004'))['Tồn'], '4.140.000 đ');
    assert.equal(row['Tồn'], '3.940.000 đ');
  });

  step('Xe chuyển bệnh: a trip, its known destination bringing its km (CX)', async () => {
    await clerk.press('Alt+3');
    const form = 'Ghi chuyến xe';
    // A trip's slip starts on its date: trips rarely share a day.
    await waitFocus('Ngày');
    assert.equal(await (await field('Đón tại ấp', form)).getValue(), '', 'a trip does not start from the rice round’s hamlet');
    assert.deepEqual(await tabOrder(form), [
      'Ngày', 'Bệnh nhân', 'Đón tại ấp', 'Nơi đến', 'Lý do chuyến đi', 'Tiền xăng', 'Số km', 'Tài xế', 'Xe',
      'Chi phí khác', 'Tiền ủng hộ', 'Người ủng hộ chuyến', 'Lưu phiếu', 'Nhập lại',
    ]);
    await clerk.fillAndSave([
      [await field('Ngày', form), '12/11/2026'],
      [await field('Bệnh nhân', form), 'Lê Thị Tám'],
      [await field('Đón tại ấp', form), 'phu thanh'],
      [await field('Nơi đến', form), 'benh vien cho ray (tp. ho chi minh)'],
      [await field('Số km', form), '240', { auto: true }],
      [await field('Lý do chuyến đi', form), 'Tái khám'],
      [await field('Tiền xăng', form), '800.000'],
      [await field('Tài xế', form), 'Nguyễn Văn Tài'],
      [await field('Xe', form), '67B-012.34'],
    ]);
    await waitText(app, 'Đã lưu chuyến CX-2026-0005');
    const row = await rowOf(app, 'CX-2026-0005');
    assert.match(row['Bệnh nhân'], /Lê Thị Tám/);
    assert.match(row['Bệnh nhân'], /Tái khám/);
    assert.match(row['Nơi đến'], new RegExp(LONG.choRay.replace(/[().]/g, '\\$&')), 'the destination as the books spell it');
    assert.match(row['Nơi đến'], /Phú Thạnh/);
    assert.equal(row['Số km'], '240', 'the usual km of Chợ Rẫy');
    assert.match(row['Tài xế'], /Nguyễn Văn Tài/);
    assert.match(row['Tài xế'], /67B-012\.34/);
    assert.equal(row['Ngày'], '12/11/2026');
    assert.equal(row['Chi phí'], '800.000 đ');
    // The driver and vehicle are kept for the next trip; the patient and places are not.
    await waitFocus('Ngày');
    assert.equal(await (await field('Tài xế', form)).getValue(), 'Nguyễn Văn Tài');
    assert.equal(await (await field('Nơi đến', form)).getValue(), '');
  });

  step('Cầu đường: a new project, its first workday and a gift, focus following (CT)', async () => {
    await clerk.press('Alt+4');
    await waitText(app, 'CT-2026-0001');
    await clerk.press('Alt+M');
    const form = 'Công trình mới';
    await waitFocus('Tên công trình');
    await clerk.fillAndSave([
      [await field('Tên công trình', form), 'Cống ấp Vĩnh Phú'],
      [await field('Ấp', form), 'vinh phu'],
      [await field('Quy mô', form), 'phi 60, dài 8 m'],
      [await field('Dự toán', form), '5.000.000'],
      [await field('Ngày khởi công', form), '02/11/2026'],
    ]);
    await waitText(app, 'CT-2026-0003 · Cống ấp Vĩnh Phú');
    // After adding, the clerk is on the new project's first workday, not back at the top.
    await waitFocus('Ngày');
    const log = 'Ghi ngày công';
    await clerk.fillAndSave([
      [await field('Ngày', log), '03/11/2026', { kept: false }],
      [await field('Số người', log), '9'],
      [await field('Ngày công', log), '4,5'],
      [await field('Vật tư', log), '6 ống cống phi 60'],
    ]);
    await waitText(app, 'Nhật ký thi công: 1 ngày, 4,5 ngày công');
    const day = await rowOf(app, '03/11/2026');
    assert.equal(day['Số người'], '9');
    assert.equal(day['Ngày công'], '4,5');
    assert.equal(day['Vật tư'], '6 ống cống phi 60');
    await clerk.press('Alt+T');
    const money = 'Thu, chi cho công trình';
    await waitFocus('Người ủng hộ');
    await clerk.fillAndSave([
      [await field('Người ủng hộ', money), 'Hội Nông dân xã Phú Hữu'],
      [await field('Nội dung', money), 'Ủng hộ làm cống'],
      [await field('Số tiền (đồng)', money), '1.000.000'],
    ]);
    await waitText(app, 'Đã lưu phiếu PT-2026-0005');
    await app.waitUntil(async () => (await rowOf(app, 'CT-2026-0003'))['Đã nhận'] === '1.000.000 đ', { timeout: 5000 });
    const project = await rowOf(app, 'CT-2026-0003');
    assert.equal(project['Ấp'], 'Vĩnh Phú');
    assert.equal(project['Dự toán'], '5.000.000 đ');
    assert.equal(project['Ngày công'], '4,5');
  });

  step('a finished project offers no workday until asked for a late one', async () => {
    await (await find(app, 'button', 'Đường đal ấp Vĩnh Phú')).click();
    await waitText(app, 'Công trình đã hoàn thành ngày 20/10/2026');
    assert.ok(!(await app.execute(() => [...document.querySelectorAll('h2')].some((h) => h.textContent === 'Ghi ngày công' && h.closest('form')))), 'no work-log form for a finished project');
  });

  step('Danh mục: a household with its hamlet typed without diacritics', async () => {
    await clerk.press('Alt+7');
    const form = 'Thêm hộ của';
    await app.execute(() => [...document.querySelectorAll('[role="tab"]')].find((b) => b.textContent.trim() === 'Hộ gia đình')?.click());
    await clerk.press('Alt+N');
    await waitFocus('Tên chủ hộ');
    await clerk.fillAndSave([
      [await field('Tên chủ hộ', form), 'Đinh Thị Mười'],
      [await field('Ấp', form), 'phu hiep'],
    ]);
    await waitText(app, 'Đã thêm Đinh Thị Mười');
    const row = await rowOf(app, 'Đinh Thị Mười');
    assert.equal(row['Ấp'], 'Phú Hiệp');
  });

  step('Ctrl+F searches the list; a void by keyboard returns the focus to the slip', async () => {
    await clerk.press('Alt+2');
    await clerk.press('Alt+C');
    await clerk.press('Control+F');
    await app.waitUntil(async () => (await app.execute(() => document.activeElement?.getAttribute('type'))) === 'search', { timeout: 5000, timeoutMsg: 'Ctrl+F should focus the search' });
    await clerk.type('tran thi be');
    await app.waitUntil(
      async () => (await app.execute(() => [...document.querySelectorAll('tbody tr')].map((r) => r.innerText).join('\n'))).match(/PX-2026-\d{4}/g)?.join() === 'PX-2026-0008',
      { timeout: 5000, timeoutMsg: 'the search should leave only Trần Thị Bé’s handout' },
    );
    // Tab from the search to the row's Hủy (the pager and the rows' buttons come after it).
    const cancel = await app.execute(() => [...document.querySelectorAll('tbody tr')].find((r) => r.innerText.includes('PX-2026-0008'))?.querySelector('button.danger'));
    await clerk.reach(await app.$(cancel));
    await clerk.press('Enter');
    await waitText(app, 'Hủy phiếu PX-2026-0008');
    await clerk.type('Nhập nhầm số ký');
    await clerk.press('Enter');
    await waitText(app, 'Đã hủy: Nhập nhầm số ký');
    await waitFocus('Hộ nhận gạo');
    // Esc closes a dialog without a change, and the focus comes back to the slip too.
    await clerk.press('Control+F');
    await clerk.press('Control+a');
    await clerk.press('Backspace');
    await rowOf(app, 'PX-2026-0007');
    const other = await app.execute(() => [...document.querySelectorAll('tbody tr')].find((r) => r.innerText.includes('PX-2026-0007'))?.querySelector('button.danger'));
    await (await app.$(other)).click();
    await waitText(app, 'Hủy phiếu PX-2026-0007');
    await clerk.press('Escape');
    await waitFocus('Hộ nhận gạo');
    assert.ok(!line(await rowOf(app, 'PX-2026-0007')).includes('Đã hủy'), 'Esc voids nothing');
  });
});
