// Svelte options for the window's UI (TypeScript in components needs no preprocessor in Svelte 5).
export default {};
