// The window's entry point. In "mock" mode (npm run ui:mock, never in a production build) the
// Tauri IPC is replaced by an in-memory book so that the UI can be previewed in a plain browser.
import './app.css';
import { mount } from 'svelte';

async function start() {
  if (import.meta.env.MODE === 'mock') {
    const { installMock } = await import('./mock/install');
    installMock();
  }
  // why: imported after the mock so that what the window remembers (screen, month) is read after
  // a preview URL has set it.
  const [{ default: App }, { lang }] = await Promise.all([import('./App.svelte'), import('./lib/i18n')]);
  document.documentElement.lang = lang();
  mount(App, { target: document.getElementById('app')! });
}

start();
