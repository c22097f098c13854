import type { ConfigItemDetails } from '../client/rest-types.js';

/** One simulated config item: a choice among `values`, or a number in `min..max`. */
export interface SimulatedConfigItem {
  /** Default value. */
  default: string | number;
  /** Allowed values of a choice item. */
  values?: string[];
  /** Range and printf format of a numeric item. */
  range?: { min: number; max: number; format: string };
}

const ENABLED = ['Enabled', 'Disabled'];
const SID_TYPES = ['None', '6581', '8580', 'SwinSID Ultimate', 'ARMSID', 'FPGASID', 'Unknown'];
const VOLUMES = ['OFF', '-18 dB', '-12 dB', '-6 dB', '-3 dB', ' 0 dB', '+1 dB', '+3 dB', '+6 dB'];
const PANS = ['Left 5', 'Left 3', 'Left 1', 'Center', 'Right 1', 'Right 3', 'Right 5'];

/**
 * The categories and items the simulator offers: the SID sockets and UltiSID
 * categories a render sets, and a few others so that wildcards, numeric
 * ranges and choices can all be exercised. Names follow the device menus.
 */
export function defaultDeviceConfigs(): Record<string, Record<string, SimulatedConfigItem>> {
  return {
    'SID Sockets Configuration': {
      'SID Socket 1': { default: 'Enabled', values: ENABLED },
      'SID Detected Socket 1': { default: '6581', values: SID_TYPES },
      'SID Socket 2': { default: 'Enabled', values: ENABLED },
      'SID Detected Socket 2': { default: '8580', values: SID_TYPES },
    },
    'UltiSID Configuration': {
      'UltiSID 1 Filter Curve': { default: '6581', values: ['6581', '8580 Lo', '8580 Hi'] },
      'UltiSID 1 Filter Resonance': { default: 'Low', values: ['Low', 'High'] },
      'UltiSID 2 Filter Curve': { default: '8580 Lo', values: ['6581', '8580 Lo', '8580 Hi'] },
      'UltiSID 2 Filter Resonance': { default: 'Low', values: ['Low', 'High'] },
      'Combined Waveforms': { default: '6581', values: ['6581', '8580'] },
    },
    'Audio Mixer': {
      'Vol UltiSid 1': { default: ' 0 dB', values: VOLUMES },
      'Vol UltiSid 2': { default: ' 0 dB', values: VOLUMES },
      'Vol Socket 1': { default: ' 0 dB', values: VOLUMES },
      'Pan UltiSID 1': { default: 'Center', values: PANS },
      'Pan UltiSID 2': { default: 'Center', values: PANS },
    },
    'U64 Specific Settings': {
      'System Mode': { default: 'PAL', values: ['PAL', 'NTSC'] },
      'CPU Speed': { default: ' 1', range: { min: 1, max: 48, format: '%2d' } },
      'HDMI Scan lines': { default: 'Disabled', values: ENABLED },
    },
    'Drive A Settings': {
      Drive: { default: 'Enabled', values: ENABLED },
      'Drive Type': { default: '1541', values: ['1541', '1571', '1581'] },
      'Drive Bus ID': { default: 8, range: { min: 8, max: 11, format: '%d' } },
    },
  };
}

/** The item detail the REST API returns for a simulated item holding `current`. */
export function itemDetails(
  item: SimulatedConfigItem,
  current: string | number,
): ConfigItemDetails {
  if (item.range) {
    return {
      current,
      min: item.range.min,
      max: item.range.max,
      format: item.range.format,
      default: item.default,
    };
  }
  return { current, values: [...(item.values ?? [])], default: item.default };
}

/**
 * Checks a value for an item: returns the stored form, or an error text as
 * the device would put it in `errors`.
 */
export function coerceConfigValue(
  item: SimulatedConfigItem,
  value: string,
): { value: string | number } | { error: string } {
  if (item.range) {
    const n = Number(value.trim());
    if (!Number.isInteger(n) || n < item.range.min || n > item.range.max) {
      return { error: `Value ${value} out of range ${item.range.min}..${item.range.max}` };
    }
    return { value: typeof item.default === 'number' ? n : String(n).padStart(2, ' ') };
  }
  const wanted = value.trim().toLowerCase();
  const hit = item.values?.find((v) => v.trim().toLowerCase() === wanted);
  if (hit === undefined) return { error: `Value '${value}' is not one of the allowed values` };
  return { value: hit };
}
