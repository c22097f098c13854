import { InvalidArgumentError } from '../errors.js';

/** Where a device's REST API lives. */
export interface DeviceAddress {
  /** Base URL without trailing slash, e.g. `http://192.168.1.64:80`. */
  baseUrl: string;
  /** Host name or IP without port (IPv6 without brackets). */
  hostname: string;
  /** TCP port. */
  port: number;
}

/**
 * Parses `HOST`, `HOST:PORT`, `[v6]:PORT` or `http://HOST:PORT` (port 80 by default).
 *
 * @throws InvalidArgumentError when the text is not such an address
 */
export function parseDeviceAddress(host: string): DeviceAddress {
  const text = host.trim();
  if (!text) throw new InvalidArgumentError('host', 'is empty; give HOST or HOST:PORT');
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvalidArgumentError('host', `"${host}" is not HOST[:PORT] or http://HOST[:PORT]`);
  }
  if (url.protocol !== 'http:') {
    throw new InvalidArgumentError('host', `"${host}": the device speaks plain http only`);
  }
  const port = url.port ? Number(url.port) : 80;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const shown = hostname.includes(':') ? `[${hostname}]` : hostname;
  return { baseUrl: `http://${shown}:${port}`, hostname, port };
}
