/**
 * Stands in for `fs`, `fs/promises` and `timers/promises` in the browser
 * bundle. `@sidflow/playback` imports `@sidflow/core` for its header parser
 * and error class; core's dist is one file whose Node-only helpers (config,
 * HVSC and render files) import these modules at the top. The page never
 * calls those helpers, so each export here only says where it was called.
 */
function unavailable(name: string): () => never {
  return () => {
    throw new Error(`${name} is not available in the browser`);
  };
}

export const closeSync = unavailable('fs.closeSync');
export const lstat = unavailable('fs.lstat');
export const lstatSync = unavailable('fs.lstatSync');
export const mkdir = unavailable('fs.mkdir');
export const open = unavailable('fs.open');
export const openSync = unavailable('fs.openSync');
export const readdirSync = unavailable('fs.readdirSync');
export const readFile = unavailable('fs.readFile');
export const readFileSync = unavailable('fs.readFileSync');
export const readSync = unavailable('fs.readSync');
export const realpath = unavailable('fs.realpath');
export const realpathSync = unavailable('fs.realpathSync');
export const rename = unavailable('fs.rename');
export const stat = unavailable('fs.stat');
export const statSync = unavailable('fs.statSync');
export const unlink = unavailable('fs.unlink');
export const setImmediate = unavailable('timers.setImmediate');
