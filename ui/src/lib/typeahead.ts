// Typing ahead of the screen across a save. A clerk who presses Enter on one slip goes on typing
// the next one at once; the save takes a moment (the core writes to disk), during which focus is
// still in the slip just sent, whose fields are then cleared for the next one. Keys pressed in that
// moment would be lost, or land in the old slip. So while a slip is being saved, the keys that type
// or move (letters, Backspace, Tab, Enter) are held, and once the save is done and the form has put
// the focus on the next slip's first field, they are played there in order. If the core refuses
// the slip, the held keys are dropped: the form shows what to fix and the clerk looks.
//
// Keys are held only during a save (tens of milliseconds), never while an input method composes;
// Unikey's synthetic Backspace and letters are held and replayed in order like typed ones.

import { tick } from 'svelte';

interface HeldKey {
  key: string;
  shift: boolean;
}

let holding = false;
let held: HeldKey[] = [];

function hold(event: KeyboardEvent): void {
  if (!holding || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
  const key = event.key;
  if (key.length === 1 || key === 'Tab' || key === 'Enter' || key === 'Backspace') {
    event.preventDefault();
    event.stopImmediatePropagation();
    held.push({ key, shift: event.shiftKey });
  }
}

let listening = false;
function listen(): void {
  if (listening || typeof window === 'undefined') return;
  window.addEventListener('keydown', hold, true);
  listening = true;
}

/** True while a save holds the keys. */
export function isHolding(): boolean {
  return holding;
}

/**
 * Runs `save` (a form's save), holding the keys typed meanwhile; afterwards plays them into the
 * focused field when `save` resolved to anything but `false`, and drops them when it refused.
 */
export async function holdKeysWhile(save: () => Promise<boolean | void> | boolean | void): Promise<void> {
  listen();
  holding = true;
  let saved = false;
  try {
    saved = (await save()) !== false;
  } finally {
    holding = false;
    const keys = held;
    held = [];
    if (saved && keys.length > 0) {
      await tick();
      play(keys);
    }
  }
}

/** What Tab moves through, in order (as the browser does: no tabindex above 0 is used here). */
function tabStops(): HTMLElement[] {
  const all = [
    ...document.querySelectorAll<HTMLElement>(
      'input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])',
    ),
  ];
  const modal = document.querySelector('dialog[open]');
  return all.filter((el) => {
    if (el.tabIndex < 0 || (el as HTMLInputElement).disabled || el.closest('[inert], fieldset:disabled')) return false;
    if (modal && !modal.contains(el)) return false;
    if (!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) return false;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      // why: a group of radios is one stop, its checked radio (or its first when none is).
      const group = all.filter((o) => o instanceof HTMLInputElement && o.type === 'radio' && o.name === el.name);
      const checked = group.find((o) => (o as HTMLInputElement).checked);
      return el === (checked ?? group[0]);
    }
    return true;
  });
}

function isText(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && ['text', 'search', ''].includes(el.type))
  );
}

function typeInto(el: HTMLInputElement | HTMLTextAreaElement, key: string): void {
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  if (key === 'Backspace') {
    if (start === end && start === 0) return;
    // why: one character back, as the browser deletes it (a whole code point, never half of one).
    const from = start === end ? start - ([...el.value.slice(0, start)].pop()?.length ?? 1) : start;
    el.setRangeText('', from, end, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
  } else {
    el.setRangeText(key, start, end, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: key }));
  }
}

function play(keys: HeldKey[]): void {
  for (let i = 0; i < keys.length; i++) {
    const { key, shift } = keys[i];
    const here = document.activeElement as HTMLElement | null;
    if (key === 'Tab') {
      const stops = tabStops();
      const at = here ? stops.indexOf(here) : -1;
      const next = stops[(at + (shift ? -1 : 1) + stops.length) % stops.length];
      if (here && isText(here)) here.dispatchEvent(new Event('change', { bubbles: true }));
      next?.focus();
      if (isText(next ?? null)) (next as HTMLInputElement).select();
    } else if (key === 'Enter') {
      if (here && isText(here)) here.dispatchEvent(new Event('change', { bubbles: true }));
      const form = (here as HTMLInputElement | null)?.form ?? here?.closest('form');
      form?.requestSubmit();
      if (holding) {
        // why: that Enter saved the next slip: what follows waits for its save in turn.
        held.push(...keys.slice(i + 1));
        return;
      }
    } else if (isText(here)) {
      typeInto(here, key);
    }
  }
}
