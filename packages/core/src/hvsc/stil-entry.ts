/** One `NAME: value` field of a STIL or BUGlist entry. */
export interface StilField {
  /** Field name as written, e.g. `TITLE`, `ARTIST`, `COMMENT`, `NAME`, `AUTHOR`, `BUG`. */
  readonly name: string;
  /**
   * Field text. A value continued over several (indented) lines keeps one
   * `\n` per line break, with each line's indentation removed.
   */
  readonly value: string;
}

/**
 * One cover (or quoted piece) named in a block: a `TITLE` with the `ARTIST`
 * and `COMMENT` that directly follow it. A block may hold several covers,
 * e.g. a medley.
 */
export interface StilCover {
  /** The `TITLE` field, absent when only an `ARTIST` was given. */
  readonly title?: string;
  /** The `ARTIST` field following the title, if any. */
  readonly artist?: string;
  /** A `COMMENT` following the title/artist pair, about this cover. */
  readonly comment?: string;
}

/** The fields that apply to a whole file or to one subtune. */
export interface StilBlock {
  /** Every field in file order, repeated names included. */
  readonly fields: readonly StilField[];
  /** The `TITLE`/`ARTIST` groups of {@link StilBlock.fields}, in order. */
  readonly covers: readonly StilCover[];
}

/** Everything a STIL or BUGlist document says about one HVSC path. */
export interface StilEntry {
  /** HVSC path as written, e.g. `/MUSICIANS/H/Hubbard_Rob/Commando.sid`, or a folder ending in `/`. */
  readonly path: string;
  /** True for a folder comment (the path ends in `/`). */
  readonly isDirectory: boolean;
  /** Fields before any `(#N)` marker: they apply to the whole file (or folder). */
  readonly global: StilBlock;
  /** Fields under each `(#N)` marker, keyed by 1-based subtune number. */
  readonly subtunes: ReadonlyMap<number, StilBlock>;
}

/** Values of every field called `name` in `block`, in order (empty when none). */
export function stilFieldValues(block: StilBlock | undefined, name: string): string[] {
  if (block === undefined) return [];
  const values: string[] = [];
  for (const field of block.fields) if (field.name === name) values.push(field.value);
  return values;
}
