/**
 * The 16 VIC-II colours as RGB (0xRRGGBB), Philip "Pepto" Timmermann's
 * measured PAL palette: black, white, red, cyan, purple, green, blue, yellow,
 * orange, brown, light red, dark grey, grey, light green, light blue, light grey.
 */
export const VIC_PALETTE: readonly number[] = [
  0x000000, 0xffffff, 0x68372b, 0x70a4b2, 0x6f3d86, 0x588d43, 0x352879, 0xb8c76f, 0x6f4f25,
  0x433900, 0x9a6759, 0x444444, 0x6c6c6c, 0x9ad284, 0x6c5eb5, 0x959595,
];

/**
 * Converts VIC colour indices (one per pixel, low nibble used) to RGBA bytes,
 * into `out` when given (length 4 × indices.length).
 */
export function vicIndicesToRgba(
  indices: Uint8Array,
  out: Uint8Array = new Uint8Array(indices.length * 4),
): Uint8Array {
  for (let i = 0, o = 0; i < indices.length; i++, o += 4) {
    const rgb = VIC_PALETTE[indices[i] & 15];
    out[o] = rgb >> 16;
    out[o + 1] = (rgb >> 8) & 0xff;
    out[o + 2] = rgb & 0xff;
    out[o + 3] = 0xff;
  }
  return out;
}
