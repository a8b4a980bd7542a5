// Smoke test of an installed build (the .deb): the program that a user starts shows its first
// screen in Vietnamese on a new book, and makes that book when the set-up is done (never just by
// starting). Run by tests/e2e/deb-smoke.sh with
// E2E_APP=/usr/bin/sotinhthuong and E2E_SHOTS=artifacts/deb-smoke under Xvfb.

import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { APP, SHOTS, freshHome, openApp, pageText, press, quitApp, screenshot, startDriver, waitText } from '../lib/app.mjs';

const home = freshHome('smoke');
let driver;
let app;

before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  driver = await startDriver(home.env);
  app = await openApp();
});

after(async () => {
  if (app) await quitApp(app);
  driver?.stop();
  fs.rmSync(home.dir, { recursive: true, force: true });
});

it(`${APP} opens on the Vietnamese set-up screen of a new book`, async () => {
  await waitText(app, 'Chào mừng đến với Sổ Tình Thương');
  await screenshot(app, 'installed-first-screen');
  const text = await pageText(app);
  assert.match(text, /Sổ này ghi cho những xã nào\?/);
  assert.match(text, /Bắt đầu ghi sổ/);
  assert.equal(await app.getTitle(), 'Sổ Tình Thương', 'the window title');
  assert.ok(!fs.existsSync(home.book), `starting made no book at ${home.book}`);
  await press(app, 'Bắt đầu ghi sổ');
  await waitText(app, 'Chưa có số dư đầu kỳ: sổ bắt đầu từ số không.');
  assert.ok(fs.existsSync(home.book), `the set-up made the book ${home.book}`);
});
