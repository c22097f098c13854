import { forwardToDevice } from '../../../../lib/server/device-proxy';

export const dynamic = 'force-dynamic';

/**
 * `/api/u64/v1/...`: the configured Ultimate 64's REST API (`SIDFLOW_U64_HOST`),
 * forwarded with its network password (`SIDFLOW_U64_PASSWORD`) added here, because
 * the device sends no CORS headers and the password must not reach the browser.
 */
export const GET = (request: Request) => forwardToDevice(request);
export const PUT = GET;
export const POST = GET;
export const DELETE = GET;
