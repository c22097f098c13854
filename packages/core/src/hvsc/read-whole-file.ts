import { readFile } from 'node:fs/promises';
import { HvscReadError } from './hvsc-read-error.js';

/** Reads a whole file, turning file system failures into {@link HvscReadError}. */
export async function readWholeFile(file: string | URL): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new HvscReadError(String(file), error);
  }
}
