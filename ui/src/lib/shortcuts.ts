// The window's keyboard shortcuts, declared where they act: an element that a shortcut reaches
// carries it in `aria-keyshortcuts` ("Alt+1", "Alt+T", "Control+F") and shows it beside its label,
// so what the clerk reads, what a screen reader says and what the key does are one thing.
//
// Only Alt+letter/digit and Ctrl+F are used: Unikey and EVKey switch with Ctrl+Shift or Alt+Z and
// open their tools with Ctrl+Shift+F-keys; the engines keep Ctrl+C/V/X/Z/A, F5, F12, Alt+←/→ for
// themselves. Keys are read by their place on the keyboard (`event.code`), so they work with any
// input method on.

import { tick } from 'svelte';

/** "Alt+1", "Alt+T", "Control+F", or null for a key that is no shortcut of ours. */
function comboOf(event: KeyboardEvent): string | null {
  if (event.metaKey || event.shiftKey || event.altKey === event.ctrlKey) return null;
  const m = /^(?:Digit|Numpad)(\d)$|^Key([A-Z])$/.exec(event.code);
  if (!m) return null;
  const key = m[1] ?? m[2];
  if (event.ctrlKey) return key === 'F' ? 'Control+F' : null;
  return `Alt+${key}`;
}

function usable(el: HTMLElement): boolean {
  if ((el as HTMLButtonElement).disabled || el.closest('[inert], fieldset:disabled')) return false;
  const modal = document.querySelector('dialog[open]');
  if (modal && !modal.contains(el)) return false;
  return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
}

function reaching(combo: string): HTMLElement | null {
  const want = combo.toLowerCase();
  for (const el of document.querySelectorAll<HTMLElement>('[aria-keyshortcuts]')) {
    const keys = (el.getAttribute('aria-keyshortcuts') ?? '').toLowerCase().split(/\s+/);
    if (keys.includes(want) && usable(el)) return el;
  }
  return null;
}

function isText(el: Element | null): el is HTMLInputElement {
  return el instanceof HTMLInputElement && (el.type === 'text' || el.type === 'search');
}

/** Puts the focus on the field a fresh slip starts at — in `within` (a form), else the first
 * entry form on screen — with its text selected so that typing replaces it. False if none. */
export function focusStart(within?: Element | null): boolean {
  const scope = within ?? document.querySelector('main') ?? document;
  const start = [...scope.querySelectorAll<HTMLElement>('[data-start]')].find(usable);
  if (!start) return false;
  start.focus();
  if (isText(start)) start.select();
  return true;
}

/** Handles a window keydown: runs the shortcut it is, if any. */
export async function runShortcut(event: KeyboardEvent): Promise<void> {
  if (event.defaultPrevented || event.isComposing) return;
  const combo = comboOf(event);
  if (!combo) return;
  if (combo === 'Alt+N') {
    if (focusStart()) event.preventDefault();
    return;
  }
  const target = reaching(combo);
  if (!target) return;
  event.preventDefault();
  if (isText(target) || target instanceof HTMLSelectElement) {
    target.focus();
    if (isText(target)) target.select();
    return;
  }
  target.click();
  await tick();
  // why: after choosing a screen, a tab or a kind of slip, the clerk goes on typing the slip;
  // a screen without a slip (Báo cáo, Cài đặt) takes the focus itself, so Tab starts there.
  if (focusStart(target.closest('form'))) return;
  if (target.closest('nav')) document.querySelector<HTMLElement>('main')?.focus();
  else target.focus();
}
