export { t, lang, setLang, fill, hasKey, type Lang, type Params } from './lang.svelte';
export type { MessageKey } from './vi';
