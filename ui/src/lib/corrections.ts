// What a correction in Danh mục sends: only the parts the clerk changed, so an unchanged name is
// not rewritten (and the audit log records only real changes).
import type { Household } from './bindings/Household';
import type { HouseholdCorrection } from './bindings/HouseholdCorrection';

/** The typed form of a household being corrected. */
export interface HouseholdForm {
  name: string;
  hamlet: string;
  status: string;
}

/** The correction of `h` to `form` in `year`: null for each part left as it was. */
export function correction(h: Household, form: HouseholdForm, year: number): HouseholdCorrection {
  const name = form.name.trim();
  const hamlet = form.hamlet.trim();
  return {
    id: h.id,
    name: name !== h.name ? name : null,
    hamlet: hamlet !== (h.hamlet ?? '') ? hamlet : null,
    year,
    status: form.status !== '' && form.status !== (h.status ?? '') ? form.status : null,
  };
}
