import { connect } from 'node:net';
import { RenderError } from '../errors/render-error.js';

/**
 * Splits an Ultimate 64 address (`HOST`, `HOST:PORT` or `http(s)://HOST:PORT`)
 * into host and port (80 for http, 443 for https).
 */
export function parseDeviceAddress(address: string): { host: string; port: number } {
  if (/^https?:\/\//i.test(address)) {
    const url = new URL(address);
    return { host: url.hostname, port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80) };
  }
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address.trim());
  if (!m)
    throw new RenderError(
      'RENDER_BAD_OPTION',
      `Ultimate 64 address ${JSON.stringify(address)}: expected HOST[:PORT]`,
    );
  return { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : 80 };
}

/**
 * Checks that something accepts TCP connections at the device's REST port,
 * so an unreachable device fails fast with an actionable error instead of a
 * capture timing out.
 *
 * @param address - `HOST[:PORT]` or a URL
 * @param timeoutMs - how long to wait for the connection
 * @throws {@link RenderError} `RENDER_DEVICE_UNREACHABLE`
 */
export function probeDevice(
  address: string,
  timeoutMs = 3000,
  signal?: AbortSignal,
): Promise<void> {
  const { host, port } = parseDeviceAddress(address);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (why: string, cause?: unknown) => {
      socket.destroy();
      reject(
        new RenderError(
          'RENDER_DEVICE_UNREACHABLE',
          `Ultimate 64 at ${host}:${port} is unreachable (${why}): check that it is switched on and on the ` +
            'network and that its host and port in the settings (ultimate64.host/port) are right',
          { cause },
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code ?? error.message, error),
    );
    signal?.addEventListener('abort', () => fail('aborted'), { once: true });
  });
}
