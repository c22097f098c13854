/** One `sidflow` sub-command: its name, its usage lines and what it does. */
export interface Command {
  /** The word after `sidflow`, e.g. `render`. */
  name: string;
  /** Usage lines, each starting with `sidflow NAME`. */
  usage: string[];
  /** One or two lines for the command list in `sidflow --help`. */
  summary: string;
  /** Runs the command with the arguments after its name. */
  run: (args: string[]) => Promise<void>;
}
