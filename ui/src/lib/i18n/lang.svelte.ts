// The language of the window: Vietnamese by default, English on request. `t` reads the current
// language from reactive state, so every label re-renders when the clerk switches.

import { vi, type MessageKey } from './vi';
import { en } from './en';

export type Lang = 'vi' | 'en';
export type Params = Record<string, string | number>;

const STORAGE_KEY = 'stt.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

function initialLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

const state = $state<{ lang: Lang }>({ lang: initialLang() });

/** The current language. */
export function lang(): Lang {
  return state.lang;
}

/** Switches the language and remembers it. */
export function setLang(next: Lang): void {
  state.lang = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // why: a window without storage still switches; it just forgets on restart.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** Fills `{name}` placeholders. */
export function fill(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The text of `key` in the current language, with `{name}` placeholders filled. */
export function t(key: MessageKey, params?: Params): string {
  const text = dictionaries[state.lang][key] ?? dictionaries.vi[key] ?? key;
  return fill(text, params);
}

/** True when `key` is a message key (for keys built from codes, e.g. error codes). */
export function hasKey(key: string): key is MessageKey {
  return key in vi;
}
