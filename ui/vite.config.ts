/// <reference types="vitest/config" />
// Vite builds the window's UI from ui/ into ui/dist, which tauri.conf.json serves.
// Mode "mock" (npm run ui:mock) replaces the Tauri IPC with an in-memory book for previews in a
// plain browser; it is never part of the production build.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  root,
  plugins: [svelte(), svelteTesting()],
  // why: the window loads files from the app's own origin; relative URLs work for tauri:// and
  // for file:// previews alike.
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  build: {
    outDir: mode === 'mock' ? 'dist-mock' : 'dist',
    emptyOutDir: true,
    target: ['es2022', 'safari16', 'chrome110'],
    // why: small font files would otherwise be inlined as data: URIs, which the CSP forbids.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/tests/setup.ts'],
    restoreMocks: true,
  },
}));
