/** Where the proxy route lives; what follows it is the device's own path (`/v1/...`). */
export const DEVICE_PROXY_PREFIX = '/api/u64';

/** Largest request body forwarded (a disk image or a cartridge fits; the device has no more room). */
export const DEVICE_PROXY_MAX_BODY = 16 * 1024 * 1024;

/** How long the proxy waits for the device, in milliseconds. */
export const DEVICE_PROXY_TIMEOUT_MS = 15_000;

/** The settings the proxy reads (`process.env` on the server). */
export interface DeviceProxyEnv {
  /** `HOST[:PORT]` or `http://HOST[:PORT]` of the Ultimate 64's REST API. */
  readonly SIDFLOW_U64_HOST?: string;
  /** The device's network password, added as `X-Password` (never sent by the browser). */
  readonly SIDFLOW_U64_PASSWORD?: string;
  /** Anything else in the environment (ignored). */
  readonly [name: string]: string | undefined;
}

/** Request headers worth passing on; cookies, credentials and a browser-sent password are not. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept'];
/** Response headers passed back (not the length: `fetch` may have decoded the body). */
const FORWARDED_RESPONSE_HEADERS = ['content-type'];

function failure(status: number, code: string, error: string): Response {
  return Response.json({ code, error }, { status, headers: { 'Cache-Control': 'no-store' } });
}

function deviceBase(host: string): string | null {
  const text = host.trim();
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
    return url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Forwards one request under {@link DEVICE_PROXY_PREFIX} to the configured
 * Ultimate 64 and returns its answer unchanged (status, content type, body).
 *
 * Why: the device sends no CORS headers, so a page cannot call it; the page
 * calls this server instead, which is also where the network password lives.
 * Only the configured device is ever contacted, only under its `/v1/` API,
 * with the path and query passed on exactly as the page encoded them.
 * Failures of the proxy itself are JSON `{ code, error }`:
 * 503 `U64_NOT_CONFIGURED`, 404 `U64_BAD_PATH`, 413 `U64_TOO_LARGE`,
 * 502 `U64_UNREACHABLE`, 504 `U64_TIMEOUT`.
 */
export async function forwardToDevice(
  request: Request,
  env: DeviceProxyEnv = process.env,
): Promise<Response> {
  const configured = env.SIDFLOW_U64_HOST?.trim();
  if (!configured) {
    return failure(
      503,
      'U64_NOT_CONFIGURED',
      'no Ultimate 64 is configured: start the server with SIDFLOW_U64_HOST=HOST[:PORT] (and SIDFLOW_U64_PASSWORD if the device has a network password)',
    );
  }
  const base = deviceBase(configured);
  if (!base) {
    return failure(
      503,
      'U64_NOT_CONFIGURED',
      `SIDFLOW_U64_HOST=${JSON.stringify(configured)} is not HOST[:PORT] or http://HOST[:PORT]`,
    );
  }
  const url = new URL(request.url);
  const path = url.pathname.startsWith(`${DEVICE_PROXY_PREFIX}/`)
    ? url.pathname.slice(DEVICE_PROXY_PREFIX.length)
    : '';
  if (!path.startsWith('/v1/') || path.split('/').some((s) => s === '..' || s === '.')) {
    return failure(
      404,
      'U64_BAD_PATH',
      `${url.pathname}: the proxy forwards only the device API, ${DEVICE_PROXY_PREFIX}/v1/...`,
    );
  }

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (env.SIDFLOW_U64_PASSWORD) headers.set('x-password', env.SIDFLOW_U64_PASSWORD);
  let body: ArrayBuffer | undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > DEVICE_PROXY_MAX_BODY) {
      return failure(413, 'U64_TOO_LARGE', `the body is over ${DEVICE_PROXY_MAX_BODY} bytes`);
    }
    body = await request.arrayBuffer();
    if (body.byteLength > DEVICE_PROXY_MAX_BODY) {
      return failure(413, 'U64_TOO_LARGE', `the body is over ${DEVICE_PROXY_MAX_BODY} bytes`);
    }
  }

  const timeout = AbortSignal.timeout(DEVICE_PROXY_TIMEOUT_MS);
  let answer: Response;
  try {
    answer = await fetch(`${base}${path}${url.search}`, {
      method: request.method,
      headers,
      body: body && body.byteLength > 0 ? body : undefined,
      signal: AbortSignal.any([timeout, request.signal]),
      redirect: 'manual',
    });
  } catch (error) {
    if (timeout.aborted) {
      return failure(
        504,
        'U64_TIMEOUT',
        `the Ultimate 64 at ${base} did not answer within ${DEVICE_PROXY_TIMEOUT_MS / 1000} s`,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return failure(
      502,
      'U64_UNREACHABLE',
      `the Ultimate 64 at ${base} is unreachable (${cause?.code ?? cause?.message ?? (error as Error).message}): check that it is on and that SIDFLOW_U64_HOST is right`,
    );
  }
  const out = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = answer.headers.get(name);
    if (value) out.set(name, value);
  }
  return new Response(answer.body, { status: answer.status, headers: out });
}
