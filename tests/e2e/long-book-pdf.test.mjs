// A year's fund book runs over several pages. Saved with "Lưu PDF" (the window's own print
// engine, WebKitGTK on Linux, which prints no CSS page-margin boxes and repeats no table header by
// itself), every page after the first is numbered at the top, repeats the table's header, and the
// totals a page carries to the next are the totals the next page brings forward. The PDF has the
// pages the core planned: the same count as the CLI's HTML of the same report.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, choose, freshHome, frameText, go, openApp, press, quitApp, savedPdf, screenshot, startDriver } from './lib/app.mjs';

const CLI = path.join(ROOT, 'target/debug/sotinhthuong-cli');
const home = freshHome('long-book');
let driver;
let app;

/** The numbers on the line of a page that carries `label` ("5.378.000", "850,5"). */
function figures(page, label) {
  const line = page.split('\n').find((l) => l.replace(/\s+/g, ' ').includes(label));
  assert.ok(line, `a “${label}” line on the page`);
  return line.split(/\s+/).filter((w) => /^\d[\d.,]*$/.test(w));
}

describe('a long fund book saved as PDF through the window', () => {
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    // A year of An Phú's 14 units, ending last month, made by the CLI's demo.
    execFileSync(CLI, ['--db', home.book, 'demo', '--movements', '12000', '--years', '1'], { env: home.env });
    driver = await startDriver(home.env);
    app = await openApp();
  });

  after(async () => {
    if (app) await quitApp(app);
    driver?.stop();
    fs.rmSync(home.dir, { recursive: true, force: true });
  });

  it('numbers its pages, repeats its header and carries its totals from page to page', { timeout: 120_000 }, async () => {
    const year = new Date().getFullYear();
    await go(app, 'Báo cáo');
    await choose(app, 'Xã', 'Xã Phú Hữu');
    await choose(app, 'Loại báo cáo', 'Sổ theo dõi quỹ');
    await choose(app, 'Mô hình', 'Nắm gạo tình thương');
    const whole = await app.$(`//label[contains(normalize-space(.), 'Cả năm ${year}')]/input`);
    await whole.click();
    await press(app, 'Xem');
    await app.waitUntil(async () => (await frameText(app)).includes(`Năm ${year}`) || (await frameText(app)).includes(`năm ${year}`), {
      timeout: 20000,
      timeoutMsg: 'the preview never showed the year’s fund book',
    });
    await screenshot(app, 'long-fund-book-preview');

    const started = Date.now();
    await press(app, 'Lưu PDF');
    const pdf = await savedPdf(app, home.dir, started);
    await screenshot(app, 'long-fund-book-saved');
    fs.copyFileSync(pdf, path.join(SHOTS, 'long-fund-book.pdf'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/, 'A4 portrait');
    const count = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    assert.ok(count >= 3, `a year of the rice fund's cash runs over pages (${count})`);

    // The same report from the CLI: its HTML plans the pages the PDF has.
    const html = path.join(home.dir, 'so-quy.html');
    execFileSync(
      CLI,
      ['--db', home.book, 'report', 'fund-book', '--commune', 'Phú Hữu', '--program', 'rice', '--asset', 'cash', '--period', String(year), '--out', html],
      { env: home.env },
    );
    const planned = (fs.readFileSync(html, 'utf8').match(/<section class="page">/g) || []).length;
    fs.copyFileSync(html, path.join(SHOTS, 'long-fund-book.html'));
    assert.equal(count, planned, 'the PDF has the pages the core planned');

    const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
    const firstLine = (page) => page.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
    assert.ok(!/^1$/.test(firstLine(pages[0])), 'no number on page 1');
    for (let i = 1; i < count; i++) {
      assert.equal(firstLine(pages[i]), String(i + 1), `page ${i + 1} is numbered at the top`);
      assert.ok(pages[i].includes('Diễn giải'), `page ${i + 1} repeats the table header`);
      assert.ok(pages[i].includes(`trang ${i + 1}/${count}`), `page ${i + 1} names itself in its fingerprint line`);
      assert.deepEqual(
        figures(pages[i], 'Số trang trước chuyển sang'),
        figures(pages[i - 1], 'Cộng chuyển sang trang sau'),
        `page ${i + 1} brings forward what page ${i} carried`,
      );
    }
  });
});
