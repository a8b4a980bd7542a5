// The filtered month's figures of every fund (from the core's month totals), reloaded when the
// filter changes or the books are written. Screens share one reader so that a fund card and the
// chart never disagree.

import * as api from './api';
import { filter } from './session.svelte';
import { errorText } from './errors';
import type { Overview } from './bindings/Overview';
import type { Program } from './bindings/Program';
import type { ProgramMonth } from './bindings/ProgramMonth';

/** Starts reading the overview for the current filter; call from a component's script. */
export function watchOverview(): { readonly data: Overview | null; readonly error: string } {
  const state = $state({ data: null as Overview | null, error: '' });
  $effect(() => {
    const commune_id = filter.communeId;
    const month = filter.month;
    void filter.version;
    if (commune_id === null) return;
    let current = true;
    api.overview({ commune_id, month }).then(
      (o) => {
        if (current) {
          state.data = o;
          state.error = '';
          filter.closed = o.closed;
        }
      },
      (e) => {
        if (current) state.error = errorText(e);
      },
    );
    return () => {
      current = false;
    };
  });
  return state;
}

/** One program's month out of an overview. */
export function programOf(overview: Overview | null, program: Program): ProgramMonth | null {
  return overview?.programs.find((p) => p.program === program) ?? null;
}
