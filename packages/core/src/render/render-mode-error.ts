import { SidflowError } from '../errors.js';
import type { RenderMode } from './render-matrix.js';

/**
 * A render mode (location × time × technology) outside the render matrix.
 * The message and {@link RenderModeError.alternatives} name the closest
 * supported modes.
 */
export class RenderModeError extends SidflowError {
  /** The rejected mode, as given. */
  readonly mode: Readonly<Record<keyof RenderMode, unknown>>;
  /** Supported modes sharing the most dimensions with the rejected one. */
  readonly alternatives: readonly RenderMode[];

  /**
   * @param mode - the rejected mode
   * @param alternatives - the closest supported modes
   * @param message - explanation naming the alternatives
   */
  constructor(
    mode: Readonly<Record<keyof RenderMode, unknown>>,
    alternatives: readonly RenderMode[],
    message: string,
  ) {
    super('RENDER_MODE_UNSUPPORTED', message);
    this.mode = mode;
    this.alternatives = alternatives;
  }
}
