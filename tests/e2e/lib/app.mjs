// Drives the real app window as a clerk would: tauri-driver (WebDriver) → WebKitWebDriver → the
// app binary, under the X display that run.sh starts (Xvfb). Elements are found the way a person
// finds them — by the visible label of a field, the text of a button, the heading of a form — so
// that a test reads like the paper slip it enters and breaks only when what the user sees changes.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** On Windows (the forge's job, .github/workflows/windows.yml) programs end in .exe. */
const WINDOWS = process.platform === 'win32';
const EXE = WINDOWS ? '.exe' : '';
/** The app under test: the debug build, or another binary (the installed .deb) through E2E_APP. */
export const APP = process.env.E2E_APP || path.join(ROOT, `target/debug/sotinhthuong${EXE}`);
export const PORT = Number(process.env.TAURI_DRIVER_PORT || 4444);
export const SHOTS = process.env.E2E_SHOTS || path.join(ROOT, 'artifacts/e2e');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tauriDriverPath() {
  const local = path.join(os.homedir(), `.cargo/bin/tauri-driver${EXE}`);
  return fs.existsSync(local) ? local : 'tauri-driver';
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * A fresh, private place for one scenario: the book file (SOTINHTHUONG_DB) and the app's own
 * folders and home (the webview's local storage, where the window remembers the last month and
 * date; Documents; backups), so that nothing of an earlier run or of the developer's own books leaks
 * in, and nothing the app writes lands in the real home folder.
 */
export function freshHome(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `stt-e2e-${name}-`));
  // why: a user's home has a Documents folder (xdg-user-dirs makes it); the app saves reports there.
  fs.mkdirSync(path.join(dir, 'home', 'Documents'), { recursive: true });
  const env = {
    ...process.env,
    HOME: path.join(dir, 'home'),
    SOTINHTHUONG_DB: path.join(dir, 'so-tinh-thuong.db'),
    XDG_DATA_HOME: path.join(dir, 'data'),
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    LANG: 'vi_VN.UTF-8',
  };
  return { dir, env, home: env.HOME, book: env.SOTINHTHUONG_DB };
}

/** The X display the screenshots are taken of: the one the app was started on. */
let shotDisplay = null;

/**
 * A screen of its own size for a scenario (an office laptop at 1366×768, a 1280×720 one…): an
 * Xvfb server on a free display. Returns { display, env(extra) → environment for the app, stop() }.
 * No window manager runs on it, as on the test machines: the app must size itself to the screen.
 */
export async function startScreen(width, height) {
  let number = 90;
  while (fs.existsSync(`/tmp/.X11-unix/X${number}`) || fs.existsSync(`/tmp/.X${number}-lock`)) number++;
  const display = `:${number}`;
  const child = spawn('Xvfb', [display, '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
    stdio: 'ignore',
    detached: true,
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  for (let i = 0; i < 100 && exited === null && !fs.existsSync(`/tmp/.X11-unix/X${number}`); i++) await sleep(50);
  if (exited !== null || !fs.existsSync(`/tmp/.X11-unix/X${number}`)) throw new Error(`Xvfb ${display} did not start (exit ${exited})`);
  return {
    display,
    width,
    height,
    stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/**
 * The app window's place and size on its X screen, as the X server has it (xdotool), and the
 * screen's size: { x, y, width, height, screenWidth, screenHeight }.
 */
export function windowGeometry(display) {
  const env = { ...process.env, DISPLAY: display };
  const ids = spawnSync('xdotool', ['search', '--onlyvisible', '--name', 'Sổ Tình Thương'], { env, encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
  const screen = spawnSync('xdotool', ['getdisplaygeometry'], { env, encoding: 'utf8' }).stdout.trim().split(/\s+/).map(Number);
  for (const id of ids) {
    const out = spawnSync('xdotool', ['getwindowgeometry', '--shell', id], { env, encoding: 'utf8' }).stdout;
    const get = (k) => Number(new RegExp(`^${k}=(-?\\d+)`, 'm').exec(out)?.[1]);
    if (get('WIDTH') > 100) return { x: get('X'), y: get('Y'), width: get('WIDTH'), height: get('HEIGHT'), screenWidth: screen[0], screenHeight: screen[1] };
  }
  return null;
}

/**
 * Starts tauri-driver with the scenario's environment (the app inherits it) and waits for its
 * port. Returns a handle whose stop() ends tauri-driver and what it started (its process group).
 */
export async function startDriver(env) {
  shotDisplay = env.DISPLAY ?? null;
  if (await portAnswers(PORT)) {
    throw new Error(`Port ${PORT} is already taken: another tauri-driver is running (set TAURI_DRIVER_PORT)`);
  }
  const log = fs.openSync(path.join(SHOTS, 'tauri-driver.log'), 'a');
  // why: on Windows tauri-driver drives WebView2 through msedgedriver, of the runtime's version.
  const native = process.env.E2E_NATIVE_DRIVER ? ['--native-driver', process.env.E2E_NATIVE_DRIVER] : [];
  const child = spawn(tauriDriverPath(), ['--port', String(PORT), ...native], {
    env,
    detached: !WINDOWS,
    stdio: ['ignore', log, log],
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  for (let i = 0; i < 150 && exited === null; i++) {
    if (await portAnswers(PORT)) break;
    await sleep(100);
  }
  if (exited !== null || !(await portAnswers(PORT))) {
    throw new Error(`tauri-driver did not start (exit ${exited}); see ${SHOTS}/tauri-driver.log`);
  }
  return {
    stop() {
      try {
        // why: Windows has no process groups; taskkill ends tauri-driver and what it started.
        if (WINDOWS) spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
        else process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      fs.closeSync(log);
    },
  };
}

/** Opens the app window (a WebDriver session) and waits for its first screen. */
export async function openApp() {
  const browser = await remote({
    hostname: '127.0.0.1',
    port: PORT,
    logLevel: 'error',
    connectionRetryCount: 1,
    capabilities: {
      'tauri:options': { application: APP },
      'wdio:enforceWebDriverClassic': true,
    },
  });
  await browser.setTimeout({ implicit: 0 });
  await browser.waitUntil(async () => (await pageText(browser)).trim().length > 0 && !(await pageText(browser)).includes('Đang mở sổ'), {
    timeout: 15000,
    timeoutMsg: 'the window showed nothing within 15 s',
  });
  return browser;
}

/** Quits the app as its session ends (the window closes, the process exits). */
export async function quitApp(browser) {
  try {
    await browser.deleteSession();
  } catch {
    // the app may already be gone
  }
}

let shotNumber = 0;

/** An ASCII file name for a step ("Nắm gạo: rằm" → "nam-gao-ram"). */
function slug(name) {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60);
}

/**
 * Keeps a picture of the whole screen (the X root window, as the user sees it) in
 * artifacts/e2e/NN-name.png. WebKitWebDriver's own screenshot is blank under Xvfb, so the picture
 * is taken by ImageMagick's `import`, after the page has painted its last change (two animation
 * frames) — without that wait the X window can still show the screen of a moment ago.
 */
export async function screenshot(browser, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  shotNumber += 1;
  const file = path.join(SHOTS, `${String(shotNumber).padStart(2, '0')}-${slug(name)}.png`);
  if (browser) {
    try {
      await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    } catch {
      // the window may be gone; take what the screen shows
    }
    await sleep(250);
  }
  if (WINDOWS) {
    // why: no X display there; WebView2's own screenshot shows the page as painted.
    try {
      if (browser) await browser.saveScreenshot(file);
    } catch (e) {
      console.error(`screenshot ${file} failed (${e})`);
    }
    return file;
  }
  const where = shotDisplay ? ['-display', shotDisplay] : [];
  const r = spawnSync('import', [...where, '-window', 'root', file], { stdio: 'ignore', timeout: 15000 });
  if (r.status !== 0) console.error(`screenshot ${file} failed (${r.error ?? r.status})`);
  return file;
}

/** Everything the window shows as text (what a person reads on screen), including the text of
 * same-origin frames (a report previewed in an iframe). */
export async function pageText(browser) {
  return browser.execute(() => {
    const parts = [document.body.innerText];
    for (const frame of document.querySelectorAll('iframe')) {
      try {
        if (frame.contentDocument?.body) parts.push(frame.contentDocument.body.innerText);
      } catch {
        // a frame of another origin: not ours to read
      }
    }
    return parts.join('\n');
  });
}

// The finder runs inside the page: it knows labels, headings and buttons as the user sees them.
const FINDER = String.raw`
const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
const visible = (el) => !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length));
const ownText = (el) => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('input, select, textarea, .req, kbd, ul').forEach((n) => n.remove());
  return norm(copy.textContent);
};
const same = (have, want, prefix) => (prefix ? have.startsWith(want) : have === want);
function scopeOf(scope) {
  if (!scope) return document;
  if (typeof scope !== 'string') return scope;
  const heads = [...document.querySelectorAll('h1, h2, h3, legend')].filter((h) => visible(h) && norm(h.textContent).startsWith(scope));
  for (const h of heads) {
    const box = h.closest('form, dialog, section, fieldset, .screen, main');
    if (box) return box;
  }
  return null;
}
function find(scope, kind, text, prefix) {
  const root = scopeOf(scope);
  if (!root) return null;
  if (kind === 'field') {
    for (const label of root.querySelectorAll('label')) {
      if (!visible(label) || !same(ownText(label), text, prefix)) continue;
      const control = label.control || label.querySelector('input, select, textarea');
      if (control) return control;
    }
    for (const el of root.querySelectorAll('input, select, textarea')) {
      if (visible(el) && (same(norm(el.getAttribute('aria-label')), text, prefix) || same(norm(el.placeholder), text, prefix))) return el;
    }
    return null;
  }
  if (kind === 'button') {
    for (const b of root.querySelectorAll('button, [role="tab"]')) {
      if (!visible(b)) continue;
      if (same(ownText(b), text, prefix) || same(norm(b.getAttribute('aria-label')), text, prefix)) return b;
    }
    return null;
  }
  if (kind === 'scope') return root === document ? document.body : root;
  return null;
}
`;

/** Finds a visible element: kind 'field' (by label, aria-label or placeholder), 'button' (by text or
 * aria-label) or 'scope' (the form/dialog/section under a heading); scope is a heading's text. */
export async function find(browser, kind, text, { scope = null, prefix = false, timeout = 5000 } = {}) {
  let ref = null;
  await browser
    .waitUntil(
      async () => {
        ref = await browser.execute(`${FINDER}; return find(arguments[0], arguments[1], arguments[2], arguments[3]);`, scope, kind, text, prefix);
        return !!ref;
      },
      { timeout, interval: 100 },
    )
    .catch(() => {
      throw new Error(`No visible ${kind} “${text}”${scope ? ` under “${scope}”` : ''} on screen`);
    });
  return browser.$(ref);
}

/** Types into the field labelled `label` (replacing what was there). */
export async function fill(browser, label, value, options = {}) {
  const el = await find(browser, 'field', label, options);
  await el.click();
  await el.clearValue();
  await el.addValue(value);
  return el;
}

/** Types into a name field that offers names from the books, and waits until the typed name is
 * recognised ("✓ Nguyễn Văn Ba · …"), as a clerk waits to see whom the slip is for. */
export async function fillName(browser, label, value, recognised, options = {}) {
  const el = await fill(browser, label, value, options);
  if (recognised) await waitText(browser, recognised);
  return el;
}

/** Chooses an option by its visible text in the select labelled `label`. */
export async function choose(browser, label, option, options = {}) {
  const el = await find(browser, 'field', label, options);
  await el.selectByVisibleText(option);
  return el;
}

/** Clicks the button (or tab) that reads `text`. */
export async function press(browser, text, options = {}) {
  const el = await find(browser, 'button', text, options);
  await el.click();
  return el;
}

/** Clicks the button reading `text` (by its words or its aria-label, from the start) on the table
 * row that shows `key` — "the Hủy button of PX-2026-0002". */
export async function pressInRow(browser, key, text, { timeout = 5000 } = {}) {
  let ref = null;
  await browser
    .waitUntil(
      async () => {
        ref = await browser.execute(
          (want, label) => {
            const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
            const tr = [...document.querySelectorAll('tbody tr')].find((r) => [...r.cells].some((c) => clean(c.innerText).startsWith(want)));
            if (!tr) return null;
            return [...tr.querySelectorAll('button')].find((b) => clean(b.innerText).startsWith(label) || clean(b.getAttribute('aria-label')).startsWith(label)) ?? null;
          },
          key,
          text,
        );
        return !!ref;
      },
      { timeout, interval: 100 },
    )
    .catch(() => {
      throw new Error(`No button “${text}” on the row of “${key}”`);
    });
  const el = await browser.$(ref);
  await el.click();
  return el;
}

/** True when the table row showing `key` has a button reading `text`. */
export async function rowHasButton(browser, key, text) {
  return browser.execute(
    (want, label) => {
      const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
      const tr = [...document.querySelectorAll('tbody tr')].find((r) => [...r.cells].some((c) => clean(c.innerText).startsWith(want)));
      return !!tr && [...tr.querySelectorAll('button')].some((b) => clean(b.innerText).startsWith(label) || clean(b.getAttribute('aria-label')).startsWith(label));
    },
    key,
    text,
  );
}

/** Opens a screen from the left navigation. */
export async function go(browser, screen) {
  await press(browser, screen, { scope: null });
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('main h1')?.textContent ?? '')) !== '', {
    timeout: 5000,
  });
}

/** True when the navigation has an entry reading `label`. */
export async function hasNav(browser, label) {
  return browser.execute(
    (want) => [...document.querySelectorAll('nav button')].some((b) => (b.querySelector('.label') ?? b).textContent.trim() === want),
    label,
  );
}

/** The text of the window's frames (a report preview), read by entering each frame as WebDriver
 * does, so that a sandboxed frame is read too. */
export async function frameText(browser) {
  const frames = await browser.$$('iframe');
  const parts = [];
  for (const frame of frames) {
    try {
      await browser.switchToFrame(frame);
      parts.push(await browser.execute(() => document.body?.innerText ?? ''));
    } catch {
      // a frame that is going away while the preview reloads
    } finally {
      await browser.switchToParentFrame().catch(() => browser.switchToFrame(null));
    }
  }
  return parts.join('\n');
}

/** Waits until the window shows `text` (a string or a RegExp) somewhere, or inside `scope`. */
export async function waitText(browser, text, { scope = null, timeout = 8000 } = {}) {
  let seen = '';
  await browser
    .waitUntil(
      async () => {
        seen = scope ? await textOf(browser, scope) : await pageText(browser);
        return typeof text === 'string' ? seen.includes(text) : text.test(seen);
      },
      { timeout, interval: 150 },
    )
    .catch(() => {
      throw new Error(`The window never showed ${JSON.stringify(String(text))}${scope ? ` under “${scope}”` : ''}.\nIt showed:\n${seen.slice(0, 3000)}`);
    });
  return seen;
}

/** The visible text of the form/section/dialog under the heading `scope`. */
export async function textOf(browser, scope) {
  const text = await browser.execute(`${FINDER}; const el = find(arguments[0], 'scope'); return el ? el.innerText : null;`, scope);
  return text ?? '';
}

/**
 * The table row that contains `key` (e.g. a voucher number) as displayed, as an object from each
 * column's heading to the cell's text: { 'Số phiếu': 'PX-2026-0001', 'Xuất (kg)': '40 kg', … }.
 */
export async function rowOf(browser, key, { timeout = 8000 } = {}) {
  let row = null;
  await browser
    .waitUntil(
      async () => {
        row = await browser.execute((want) => {
          const clean = (s) => s.replace(/\s+/g, ' ').trim();
          const tr = [...document.querySelectorAll('tbody tr')].find((r) => [...r.cells].some((c) => clean(c.innerText).startsWith(want)));
          if (!tr) return null;
          const heads = [...(tr.closest('table')?.tHead?.rows[0]?.cells ?? [])].map((h) => clean(h.textContent));
          const out = {};
          let column = 0;
          for (const cell of tr.cells) {
            out[heads[column] ?? String(column)] = clean(cell.innerText);
            column += cell.colSpan || 1;
          }
          return out;
        }, key);
        return row !== null;
      },
      { timeout, interval: 150 },
    )
    .catch(() => {
      throw new Error(`No table row for “${key}” on screen`);
    });
  return row;
}

/** The message shown next to the field labelled `label` (its error or hint), or ''. */
export async function noteOf(browser, label, options = {}) {
  const el = await find(browser, 'field', label, options);
  return browser.execute((input) => {
    const ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    return ids
      .map((id) => document.getElementById(id))
      .filter((n) => n && n.getAttribute('role') === 'alert')
      .map((n) => n.innerText.trim())
      .join(' ');
  }, el);
}

/**
 * The PDF that "Lưu PDF" wrote: the path the window shows (…/x.pdf), or else a new .pdf in the
 * scenario's home folder (Documents, Desktop…). A native file chooser cannot be driven through
 * WebDriver: the window must save without one, or let the path be typed.
 */
export async function savedPdf(app, homeDir, since) {
  let found = null;
  const newest = (dir) => {
    if (!fs.existsSync(dir)) return null;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      if (entry.isFile() && file.endsWith('.pdf') && fs.statSync(file).mtimeMs >= since - 1000) return file;
    }
    return null;
  };
  await app
    .waitUntil(
      async () => {
        // A path as the window shows it: /home/… on Linux, C:\Users\… on Windows (where the app
        // finds Documents through Windows' known folders, not through HOME).
        const shown = /((?:[A-Za-z]:\\|\/)[^\n“”"]*?\.pdf)\b/.exec(await pageText(app));
        found = shown && fs.existsSync(shown[1]) ? shown[1] : (newest(homeDir) ?? (WINDOWS ? newest(path.join(os.homedir(), 'Documents')) : null));
        return found !== null && fs.statSync(found).size > 0;
      },
      { timeout: 30000, interval: 300 },
    )
    .catch(() => {
      throw new Error('Lưu PDF wrote no PDF that the window names or that lies in the home folder');
    });
  return found;
}
