// Every screen on the screens commune offices have: a 1366×768 laptop, a 1280×720 one, and a
// 1920×1080 monitor. Each runs on an X screen of its own size with no window manager (as on the
// test machines): the window must size itself to fit, and then on every screen nothing that
// matters may be out of reach — the commune/month bar on screen, no table wider than its box (a
// voucher number or a Hủy button scrolled out of sight), no message cut off, every dialog whole.
// A screenshot of every screen at every size goes to artifacts/e2e/ for a person to look at.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import {
  SHOTS,
  choose,
  fill,
  find,
  freshHome,
  go,
  openApp,
  press,
  pressInRow,
  quitApp,
  screenshot,
  startDriver,
  startScreen,
  waitText,
  windowGeometry,
} from './lib/app.mjs';
import { LONG, MONTH, seedMonth } from './lib/seed.mjs';

const SIZES = [
  [1366, 768],
  [1280, 720],
  [1920, 1080],
];

/** What on screen a clerk could not reach or read, as sentences (empty when all is well). */
async function layoutProblems(app) {
  return app.execute(() => {
    const problems = [];
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const name = (el) => {
      const text = (el.innerText || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} “${text}”`;
    };
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const bar = document.querySelector('.bar');
    if (bar) {
      const r = bar.getBoundingClientRect();
      if (r.top < 0 || r.bottom > vh) problems.push(`the commune/month bar is off screen (${Math.round(r.top)}..${Math.round(r.bottom)} of ${vh})`);
    }
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${vw}px window`);
    for (const box of document.querySelectorAll('main, .scroll, .card, form')) {
      if (!visible(box)) continue;
      if (box.scrollWidth > box.clientWidth + 1) problems.push(`${name(box).slice(0, 40)} scrolls sideways (${box.scrollWidth}px in ${box.clientWidth}px)`);
    }
    // What a row is known by and acted on must be in sight without scrolling sideways.
    for (const el of document.querySelectorAll('td.voucher, td.act button, table.list th')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      const box = (el.closest('.scroll') ?? document.querySelector('main')).getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.right > vw) problems.push(`${name(el)} is cut off at the right (${Math.round(r.right)} > ${Math.round(Math.min(box.right, vw))})`);
      if (el.matches('td.voucher') && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} does not fit its cell`);
    }
    // Messages are read whole.
    for (const el of document.querySelectorAll('.note, .form-error, .notice, [role="alert"], [role="status"]')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 || el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} is cut off`);
    }
    for (const dialog of document.querySelectorAll('dialog[open]')) {
      const r = dialog.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > vh || r.right > vw) problems.push(`${name(dialog)} does not fit the window (${Math.round(r.width)}×${Math.round(r.height)} at ${Math.round(r.left)},${Math.round(r.top)})`);
    }
    return problems;
  });
}

async function fits(app, what) {
  const problems = await layoutProblems(app);
  assert.deepEqual(problems, [], `${what}: ${problems.join('; ')}`);
}

for (const [width, height] of SIZES) {
  const size = `${width}x${height}`;
  const full = width === 1366 || width === 1280;

  describe(`every screen at ${width}×${height}`, () => {
    const home = freshHome(`fit-${size}`);
    let screen;
    let driver;
    let app;
    let broken = false;

    /** One look at a screen: skipped after a failed step; screenshot and layout check after. */
    function look(name, fn) {
      it(name, { timeout: 60_000 }, async (t) => {
        if (broken) return t.skip('an earlier step failed');
        try {
          await fn();
          await screenshot(app, `${size} ${name}`);
          await fits(app, name);
        } catch (error) {
          broken = !app;
          await screenshot(app, `FAILED ${size} ${name}`);
          throw error;
        }
      });
    }

    before(async () => {
      fs.mkdirSync(SHOTS, { recursive: true });
      seedMonth(home.book);
      screen = await startScreen(width, height);
      driver = await startDriver({ ...home.env, DISPLAY: screen.display });
      app = await openApp();
      await choose(app, 'Xã', MONTH.commune);
      await choose(app, 'Chọn năm', MONTH.year);
      await choose(app, 'Chọn tháng', MONTH.month);
      await waitText(app, 'tháng 10/2026');
    });

    after(async () => {
      if (app) await quitApp(app);
      driver?.stop();
      screen?.stop();
      fs.rmSync(home.dir, { recursive: true, force: true });
    });

    it('the window opens within the screen, whole', async () => {
      const g = windowGeometry(screen.display);
      assert.ok(g, 'the window is on the screen');
      assert.ok(g.x >= 0 && g.y >= 0 && g.x + g.width <= g.screenWidth && g.y + g.height <= g.screenHeight,
        `the ${g.width}×${g.height} window at ${g.x},${g.y} fits the ${g.screenWidth}×${g.screenHeight} screen`);
      assert.ok(g.width >= Math.min(1280, width) - 20 && g.height >= Math.min(720, height) - 80, `the window uses the screen (${g.width}×${g.height})`);
    });

    look('Tổng quan', async () => {
      await go(app, 'Tổng quan');
      await waitText(app, /Gạo tồn kho cuối tháng/);
    });

    look('Nắm gạo: thu gạo', async () => {
      await go(app, 'Nắm gạo');
      await press(app, 'Thu gạo (đợt thu)', { scope: 'Nắm gạo tình thương' });
      await waitText(app, 'PN-2026-0004');
    });

    look('Nắm gạo: cấp gạo, refused for want of rice', async () => {
      await press(app, 'Cấp gạo cho hộ', { scope: 'Nắm gạo tình thương' });
      const form = 'Phiếu xuất kho — cấp gạo';
      await fill(app, 'Hộ nhận gạo', LONG.household, { scope: form });
      await fill(app, 'Số ký gạo', '25000', { scope: form });
      await press(app, 'Lưu phiếu', { scope: form });
      await waitText(app, /Không đủ gạo: còn .* kg, cần 25\.000 kg/);
    });

    look('Xe chuyển bệnh', async () => {
      await go(app, 'Xe chuyển bệnh');
      await waitText(app, 'CX-2026-0004');
    });

    look('Cầu đường: a bridge being built', async () => {
      await go(app, 'Cầu đường');
      await waitText(app, 'CT-2026-0001');
      await press(app, 'Cầu ấp Phú Thạnh (bắc qua rạch Cái Tắc)');
      await waitText(app, 'Nhật ký thi công');
    });

    if (full) {
      look('Cầu đường: a finished road', async () => {
        await press(app, 'Đường đal ấp Vĩnh Phú');
        await waitText(app, /hoàn thành/i);
      });

      look('Cầu đường: new project form', async () => {
        await press(app, '+ Công trình mới');
        await find(app, 'field', 'Tên công trình');
      });
    }

    for (const program of full ? ['Nắm gạo', 'Xe chuyển bệnh', 'Sửa chữa cầu đường'] : ['Xe chuyển bệnh']) {
      look(`Thu chi: ${program}`, async () => {
        await go(app, 'Thu chi');
        await press(app, program, { scope: 'Thu chi', prefix: true });
        await waitText(app, /PT-2026-000|PC-2026-000/);
      });
    }

    if (full) {
      look('void dialog', async () => {
        await pressInRow(app, 'PT-2026-0003', 'Hủy');
        await waitText(app, 'Hủy phiếu PT-2026-0003');
      });

      look('close-month dialog', async () => {
        await app.keys('Escape');
        await press(app, 'Khóa sổ tháng');
        await waitText(app, 'Khóa sổ tháng 10/2026?');
      });
    }

    look('Báo cáo: the monthly summary', async () => {
      if (full) await app.keys('Escape');
      await go(app, 'Báo cáo');
      await choose(app, 'Loại báo cáo', 'Báo cáo tháng');
      await press(app, 'Xem');
      await app.waitUntil(async () => (await app.$$('iframe')).length > 0, { timeout: 20000 });
    });

    const tabs = full ? ['Xã, thị trấn', 'Ấp', 'Hộ gia đình', 'Nhà hảo tâm', 'Tài xế', 'Xe', 'Nơi đến', 'Số dư đầu kỳ'] : ['Hộ gia đình', 'Nơi đến', 'Số dư đầu kỳ'];
    for (const tab of tabs) {
      look(`Danh mục: ${tab}`, async () => {
        await go(app, 'Danh mục');
        await press(app, tab, { scope: 'Danh mục' });
      });
    }
    look('Danh mục: a household being corrected', async () => {
      await go(app, 'Danh mục');
      await press(app, 'Hộ gia đình', { scope: 'Danh mục' });
      await pressInRow(app, 'Võ Văn Năm', 'Sửa');
      await waitText(app, 'Sửa hộ Võ Văn Năm');
    });

    look('Cài đặt', async () => {
      await go(app, 'Cài đặt');
      await waitText(app, home.book);
    });

    look('Nhập từ sổ cũ', async () => {
      await go(app, 'Nhập từ sổ cũ');
      await waitText(app, '1. Chọn loại dữ liệu và tệp');
    });
  });
}

describe('the first-run screen at 1280×720', () => {
  const home = freshHome('fit-first');
  let screen;
  let driver;
  let app;

  before(async () => {
    screen = await startScreen(1280, 720);
    driver = await startDriver({ ...home.env, DISPLAY: screen.display });
    app = await openApp();
  });

  after(async () => {
    if (app) await quitApp(app);
    driver?.stop();
    screen?.stop();
    fs.rmSync(home.dir, { recursive: true, force: true });
  });

  it('shows the set-up of a new book, its button within reach', async () => {
    await waitText(app, 'Chào mừng đến với Sổ Tình Thương');
    await screenshot(app, '1280x720 first run');
    await fits(app, 'first run');
    const start = await find(app, 'button', 'Bắt đầu ghi sổ');
    await start.scrollIntoView();
    const inView = await app.execute((b) => {
      const r = b.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= document.documentElement.clientHeight;
    }, start);
    assert.ok(inView, 'the start button can be scrolled into view');
    await screenshot(app, '1280x720 first run, scrolled to its button');
  });

  it('then asks for the opening balances, which may be left for later', async () => {
    await press(app, 'Bắt đầu ghi sổ');
    await waitText(app, 'Chưa có số dư đầu kỳ: sổ bắt đầu từ số không.');
    await screenshot(app, '1280x720 first run, opening balances');
    await fits(app, 'first run, opening balances');
    await press(app, 'Xong, vào sổ');
    await waitText(app, 'Tổng quan');
  });
});


