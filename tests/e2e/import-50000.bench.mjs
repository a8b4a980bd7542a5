// Figures of a long import in the real window (not part of run.sh; run it by hand, under the
// heavy-build lock, after `npm run app:debug` or with E2E_APP naming a release binary):
//   flock /tmp/stt-heavy.lock xvfb-run -a -s "-screen 0 1366x768x24" \
//     node --test tests/e2e/import-50000.bench.mjs
// A 50,000-row cash book (examples/office_sheets --long 50000): the time to read it and show
// the preview, a dry run stopped by Esc at about a third (time from Esc to "Đã dừng"), the full
// dry run, the import; and the longest the window's page went without running a timer while the
// import worked (its slowest answer). Prints the figures; fails only when the window froze
// (a gap over 1 s) or the counts are wrong.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, choose, fill, freshHome, go, openApp, press, quitApp, screenshot, startDriver, waitText } from './lib/app.mjs';
import { cli } from './lib/seed.mjs';

const ROWS = Number(process.env.E2E_IMPORT_ROWS || 50000);
const home = freshHome('import-bench');
let driver;
let app;
let file;

/** Starts a page-side watch of the longest gap between 10 ms timer ticks. */
const watchGaps = () =>
  app.execute(() => {
    const w = window;
    w.__gap = 0;
    let last = performance.now();
    clearInterval(w.__gapTimer);
    w.__gapTimer = setInterval(() => {
      const now = performance.now();
      w.__gap = Math.max(w.__gap, now - last);
      last = now;
    }, 10);
  });
const longestGap = () => app.execute(() => Math.round(window.__gap));
const pct = () => app.execute(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') ?? -1));
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

describe(`a ${ROWS}-row cash book imported in the window`, () => {
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const out = execFileSync(path.join(ROOT, 'target/debug/examples/office_sheets'), [path.join(home.dir, 'sheets'), '--long', String(ROWS)], { encoding: 'utf8' });
    file = out.trim().split('\n').pop();
    cli(home.book, 'init', '--preset', 'an-phu-2025');
    driver = await startDriver(home.env);
    app = await openApp();
  });

  after(async () => {
    if (app) await quitApp(app);
    driver?.stop();
    fs.rmSync(home.dir, { recursive: true, force: true });
  });

  it('reads, stops on Esc, checks and imports without freezing the window', { timeout: 600_000 }, async () => {
    const figures = {};
    await screenshot(app, 'import-50000 start');
    await go(app, 'Nhập từ sổ cũ');
    await choose(app, 'Loại dữ liệu', 'Sổ quỹ tiền mặt');
    await choose(app, 'Xã, thị trấn', 'Xã Phú Hữu');
    await fill(app, 'Tệp', file);
    let t0 = Date.now();
    await app.keys('Enter');
    await waitText(app, 'Trang “', { timeout: 120000 });
    figures['read + preview'] = Date.now() - t0;
    await choose(app, 'Mô hình của sổ quỹ', 'Xe chuyển bệnh');

    // A dry run stopped by Esc at about a third.
    await watchGaps();
    await press(app, 'Chạy thử', { prefix: true });
    await app.waitUntil(async () => (await pct()) >= 33, { timeout: 120000, interval: 20 });
    await screenshot(app, 'import-50000 running');
    t0 = Date.now();
    await app.keys('Escape');
    await waitText(app, 'Đã dừng. Sổ không thay đổi gì.', { timeout: 60000 });
    figures['Esc → stopped'] = Date.now() - t0;

    await watchGaps();
    t0 = Date.now();
    await press(app, 'Chạy thử', { prefix: true });
    await waitText(app, 'dòng sẽ nhập', { timeout: 300000 });
    figures['dry run'] = Date.now() - t0;
    figures['slowest page tick, dry run'] = await longestGap();
    await waitText(app, `${ROWS.toLocaleString('vi-VN')} dòng sẽ nhập`);
    await screenshot(app, 'import-50000 dry run');

    await watchGaps();
    t0 = Date.now();
    await press(app, 'Nhập tất cả');
    await waitText(app, `Đã nhập ${ROWS.toLocaleString('vi-VN')} dòng vào sổ.`, { timeout: 300000 });
    figures['import'] = Date.now() - t0;
    figures['slowest page tick, import'] = await longestGap();
    await screenshot(app, 'import-50000 done');

    const shown = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, k.startsWith('slowest') ? `${v} ms` : seconds(v)]));
    console.log(JSON.stringify(shown, null, 2));
    fs.writeFileSync(path.join(SHOTS, 'import-50000-figures.json'), JSON.stringify(shown, null, 2));
    assert.ok(figures['slowest page tick, import'] < 1000, 'the window never froze');
  });
});
