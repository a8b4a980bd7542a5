// A clerk at the keyboard, for the real window: reaches fields, tabs and screens with keys only
// (the documented shortcut when the window has one, else Tab / Shift+Tab, whichever is shorter),
// types each value, saves with Enter, and counts every key: typing keys (letters, digits, the
// space) apart from the others (Tab, Enter, arrows, shortcuts), which are what a good form saves.
//
// Keys go through WebDriver actions with no pause between them. In `burst` mode a whole slip's
// keys — every field, every Tab, the Enter — are planned from the form as it stands and sent in
// one go, faster than the screen can follow, as a fast typist does; in `careful` mode the clerk
// looks after every key (the figures of a window whose Tab order changes under the fingers).

const KEY = {
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  Space: '\uE00D',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Backspace: '\uE003',
};

/** "Alt+2", "Shift+Tab", "a" → the WebDriver key actions of one press. */
function pressActions(combo) {
  const parts = combo.split('+');
  const key = parts.pop();
  const mods = parts.map((m) => KEY[m]);
  // why: a capital would add a Shift of its own; "Alt+T" is Alt and the T key.
  const value = KEY[key] ?? key.toLowerCase();
  return [
    ...mods.map((m) => ({ type: 'keyDown', value: m })),
    { type: 'keyDown', value },
    { type: 'keyUp', value },
    ...mods.reverse().map((m) => ({ type: 'keyUp', value: m })),
  ];
}

function typeActions(text) {
  return [...text.normalize('NFC')].flatMap((c) => [
    { type: 'keyDown', value: c },
    { type: 'keyUp', value: c },
  ]);
}

// In the page: the Tab stops in order (as the browser moves through them), and where `el` is.
const STOPS = String.raw`
function stops() {
  const all = [...document.querySelectorAll('input, select, textarea, button, a[href], [tabindex]')];
  const modal = document.querySelector('dialog[open]');
  return all.filter((el) => {
    if (el.tabIndex < 0 || el.disabled || el.closest('[inert], fieldset:disabled')) return false;
    if (modal && !modal.contains(el)) return false;
    if (!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) return false;
    if (el.type === 'radio') {
      const group = all.filter((o) => o.type === 'radio' && o.name === el.name);
      return el === (group.find((o) => o.checked) ?? group[0]);
    }
    return true;
  });
}
`;

export class Clerk {
  constructor(app, { mode = 'burst' } = {}) {
    this.app = app;
    this.mode = mode;
    this.typing = 0;
    this.other = 0;
    this.plan = [];
  }

  /** Keys counted since `mark()`: { typing, other }. */
  mark() {
    const at = { typing: this.typing, other: this.other };
    return () => ({ typing: this.typing - at.typing, other: this.other - at.other });
  }

  async send(actions) {
    if (actions.length === 0) return;
    await this.app.performActions([{ type: 'key', id: 'keyboard', actions }]);
    await this.app.releaseActions();
  }

  /** Presses keys now (careful) or adds them to the slip's plan (burst). */
  async press(combo, times = 1) {
    this.other += times;
    const actions = Array.from({ length: times }, () => pressActions(combo)).flat();
    if (this.mode === 'burst' && this.planning) this.plan.push(...actions);
    else await this.send(actions);
  }

  async type(text) {
    this.typing += [...text.normalize('NFC')].length;
    const actions = typeActions(text);
    if (this.mode === 'burst' && this.planning) this.plan.push(...actions);
    else await this.send(actions);
  }

  /** Sends what was planned for a slip, in one go. */
  async flush() {
    const actions = this.plan;
    this.plan = [];
    this.planning = false;
    await this.send(actions);
  }

  /** The focused element's place among the Tab stops, and `target`'s. */
  // why: focus on no stop (the screen itself, after a shortcut) sits between two stops: Tab
  // goes to the next one after it in the page, Shift+Tab to the one before: k − ½.
  async places(target) {
    return this.app.execute(
      `${STOPS}; const s = stops(); const a = document.activeElement; let here = s.indexOf(a);
       if (here < 0) { const k = s.findIndex((el) => !a || a === document.body || (a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING && !a.contains(el)) || a.contains(el)); here = (k < 0 ? s.length : k) - 0.5; }
       return [here, s.indexOf(arguments[0]), s.length];`,
      target,
    );
  }

  /**
   * Moves the focus to `target` (a WebDriver element) as a clerk would: its shortcut if it shows
   * one, else the shorter way round with Tab or Shift+Tab. In burst mode the Tab stops are
   * counted from `from` (the field the plan is at) without moving.
   */
  async reach(target, { from = null } = {}) {
    const shortcut = await this.app.execute((el) => el.getAttribute('aria-keyshortcuts'), target);
    if (shortcut && !shortcut.startsWith('Control+F')) {
      await this.press(shortcut.split(' ')[0]);
      return 'shortcut';
    }
    const [here, there, count] = from !== null ? [from, (await this.places(target))[1], (await this.places(target))[2]] : await this.places(target);
    if (there < 0) throw new Error('the field to reach is no Tab stop');
    if (here === there) return 'here';
    const whole = Number.isInteger(here);
    const k = here + 0.5;
    const forward = whole ? (there - here + count) % count : ((there - k + count) % count) + 1;
    const back = whole ? (here - there + count) % count : ((k - 1 - there + count) % count) + 1;
    if (this.mode === 'burst' && this.planning) {
      if (forward <= back) await this.press('Tab', forward);
      else await this.press('Shift+Tab', back);
      return 'tab';
    }
    if (forward <= back) await this.press('Tab', forward);
    else await this.press('Shift+Tab', back);
    // why: a careful clerk looks: a list that opened under the fingers costs more Tabs.
    for (let i = 0; i < 40; i++) {
      const [now, want] = await this.places(target);
      if (now === want) return 'tab';
      await this.press(now < want ? 'Tab' : 'Shift+Tab');
    }
    throw new Error('could not reach the field with Tab');
  }

  /**
   * Fills a slip's fields in their Tab order and saves it with Enter. `fields` are
   * [element, value, { kind: 'text' | 'radio' }]; a field that already holds its value (a date
   * or hamlet kept from the last slip, a distance the destination brought) is left as it is.
   */
  async fillAndSave(fields, { send = true } = {}) {
    this.planning = this.mode === 'burst';
    // why: elements are passed one an argument; WebDriver resolves them only at the top level.
    const info = await this.app.execute(
      `${STOPS}; const s = stops(); return [...arguments].map((el) => ({ at: s.indexOf(el), value: el.value ?? '', selected: el === document.activeElement && el.selectionStart === 0 && el.selectionEnd === (el.value ?? '').length, type: el.type })); `,
      ...fields.map(([el]) => el),
    );
    const order = fields.map((f, i) => ({ f, i, at: info[i].at })).sort((a, b) => a.at - b.at);
    let at = (await this.places(fields[0][0]))[0];
    for (const { f, i } of order) {
      const [el, value, options = {}] = f;
      const now = info[i];
      if (options.kept ?? now.value === value) continue;
      if (options.auto) continue;
      const how = await this.reach(el, { from: this.mode === 'burst' ? at : null });
      at = now.at;
      if (now.type === 'radio') continue;
      const arrivedByTab = how === 'tab';
      if (now.value !== '' && !arrivedByTab && !now.selected) await this.press('Control+a');
      await this.type(value);
      if (this.mode === 'careful' && (await this.app.execute((e) => e.getAttribute('role'), el)) === 'combobox') {
        // why: a careful clerk looks at the suggestions before going on.
        await new Promise((r) => setTimeout(r, 400));
      }
    }
    await this.press('Enter');
    if (this.mode === 'burst' && send) await this.flush();
    else if (this.mode === 'burst') this.planning = true;
  }

  /** Plans more keys after a slip's Enter (burst mode): the next slip, typed before the save. */
  async then(steps) {
    this.planning = this.mode === 'burst';
    for (const step of steps) {
      if (step.type !== undefined) await this.type(step.type);
      else await this.press(step.press);
    }
    if (this.mode === 'burst') await this.flush();
  }
}

export { KEY };
