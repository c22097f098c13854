/** Formats `value` as `$`-prefixed upper-case hex, the way C64 addresses are written. */
export function hex(value: number, digits = 4): string {
  return `$${value.toString(16).toUpperCase().padStart(digits, '0')}`;
}
