import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.sid': 'application/octet-stream',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.aac': 'audio/aac',
  '.hls': 'application/vnd.apple.mpegurl',
  '.manifest': 'application/json',
};

/** A running test server. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Requests seen, as `METHOD path [range]`. */
  requests: string[];
  /** Closes the server. */
  close(): Promise<void>;
}

/**
 * Serves files under `routes` (URL prefix → directory) with HTTP range
 * support, and COOP/COEP headers when `isolated`.
 */
export async function startStaticServer(
  routes: Record<string, string>,
  isolated: boolean,
): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(`${req.method} ${path}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    if (isolated) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const prefix = Object.keys(routes)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    if (prefix === undefined) {
      res.writeHead(404).end();
      return;
    }
    const rest = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    const file = join(routes[prefix], rest);
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error('not a file');
      size = stat.size;
    } catch {
      res.writeHead(404).end();
      return;
    }
    // Extension-less files (the playback API's `.../wav`, `.../hls`) are typed by their name.
    const type = TYPES[extname(file) || `.${basename(file)}`];
    res.setHeader('Content-Type', type ?? 'application/octet-stream');
    res.setHeader('Accept-Ranges', 'bytes');
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = range[1] ? Number(range[1]) : size - Number(range[2]);
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, {
        'Content-Range': `bytes ${start}-${end}/${size}`,
        'Content-Length': end - start + 1,
      });
      createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
