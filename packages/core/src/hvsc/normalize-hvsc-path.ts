/**
 * Puts a path into the form HVSC documents use: relative to the `C64Music`
 * folder, `/`-separated, with a leading `/` (e.g. `/MUSICIANS/H/Hubbard_Rob/Commando.sid`).
 * Backslashes become slashes and repeated slashes collapse; case is kept
 * because HVSC paths are case-sensitive.
 */
export function normalizeHvscPath(path: string): string {
  const slashed = path.trim().replace(/[\\/]+/g, '/');
  return slashed.startsWith('/') ? slashed : `/${slashed}`;
}
