import { SidflowError } from '@sidflow/core';

/** Thrown when a player option or argument is out of range. */
export class InvalidOptionError extends SidflowError {
  /** The option's name, e.g. `sampleRate`. */
  readonly option: string;

  /**
   * @param option - the option's name
   * @param message - what was wrong with its value
   */
  constructor(option: string, message: string) {
    super('ENGINE_INVALID_OPTION', `${option}: ${message}`);
    this.option = option;
  }
}
