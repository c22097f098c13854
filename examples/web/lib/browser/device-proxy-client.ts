import { SidflowError } from '@sidflow/core';
import type { Ultimate64Control } from '@sidflow/playback/ultimate64';

/**
 * The calls `createUltimate64Adapter` makes, over this app's device proxy
 * (`/api/u64`) with `fetch`, for pages: `Ultimate64Client` is Node-only and
 * the device itself cannot be called from a page (it sends no CORS headers).
 * Errors are `SidflowError`s: the proxy's own codes (`U64_UNREACHABLE`,
 * `U64_NOT_CONFIGURED`, ...), `U64_AUTH` for the device's 403, and
 * `U64_DEVICE_ERROR` with the device's `errors` otherwise.
 *
 * @param base - where the proxy route is; absolute when not used in a page
 */
export function createDeviceProxyClient(base = '/api/u64'): Ultimate64Control {
  const call = async (
    method: string,
    path: string,
    signal?: AbortSignal,
    body?: Uint8Array,
  ): Promise<Record<string, unknown>> => {
    const response = await fetch(`${base}/v1/${path}`, {
      method,
      signal,
      body: body ? new Blob([new Uint8Array(body)]) : undefined,
      headers: body ? { 'Content-Type': 'application/octet-stream' } : undefined,
    });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // Not JSON: reported below when the status is an error.
    }
    const errors = Array.isArray(json.errors) ? (json.errors as string[]) : [];
    const route = `${method} /v1/${path}`;
    if (typeof json.code === 'string' && typeof json.error === 'string') {
      throw new SidflowError(json.code, json.error);
    }
    if (response.status === 403) {
      throw new SidflowError(
        'U64_AUTH',
        `${route} was refused (HTTP 403): set the device's network password in SIDFLOW_U64_PASSWORD on the server`,
      );
    }
    if (!response.ok || errors.length > 0) {
      throw new SidflowError(
        'U64_DEVICE_ERROR',
        `${route}: ${errors.join('; ') || `HTTP ${response.status} ${text.slice(0, 200)}`}`,
      );
    }
    return json;
  };
  return {
    async version(opts) {
      return { version: String((await call('GET', 'version', opts?.signal)).version) };
    },
    async sidplay(sid, opts) {
      const song = opts?.songnr === undefined ? '' : `?songnr=${opts.songnr}`;
      await call('POST', `runners:sidplay${song}`, opts?.signal, sid);
    },
    async reset(opts) {
      await call('PUT', 'machine:reset', opts?.signal);
    },
    async pause(opts) {
      await call('PUT', 'machine:pause', opts?.signal);
    },
    async resume(opts) {
      await call('PUT', 'machine:resume', opts?.signal);
    },
  };
}
