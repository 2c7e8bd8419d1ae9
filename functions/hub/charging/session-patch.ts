type Obj = Record<string, unknown>;

/**
 * A Session PATCH applied to the stored Session (sessions §9.2.2.3, ocpi-notes §4.2): top-level fields are
 * replaced, `charging_periods` are appended (only a PUT replaces them).
 */
export function applySessionPatch(stored: Obj, patch: Obj): Obj {
  const { charging_periods: periods, ...rest } = patch;
  const merged: Obj = { ...stored, ...rest };
  if (Array.isArray(periods)) {
    const before = Array.isArray(stored.charging_periods) ? stored.charging_periods : [];
    merged.charging_periods = [...before, ...periods];
  }
  return merged;
}
