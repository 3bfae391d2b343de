/**
 * A plain static file server for the browser tests and the view benchmark: serves a build folder
 * under a sub-path (`/some/path/`), as a static host would, with no knowledge of the app. It
 * counts the requests for each path, so tests can see what was fetched twice, and notes when each
 * was first asked for.
 */

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

/** A running server: its URL (ending in the sub-path and '/'), request counts, and close(). */
export interface StaticServer {
  url: string;
  /** Requests by path (below the sub-path), in arrival order of first request. */
  requests: Map<string, number>;
  /** When each path was first requested, ms since the epoch (`Date.now()`). */
  firstRequestMs: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves `dir` at `http://127.0.0.1:PORT<prefix>`; `/` below it is index.html. Responses say
 * `Cache-Control: no-cache` (the browser revalidates every fetch), the way many static hosts
 * serve files by default.
 * @param prefix the sub-path, starting and ending with '/'
 */
export async function serveStatic(dir: string, prefix: string): Promise<StaticServer> {
  const requests = new Map<string, number>();
  const firstRequestMs = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const rel = path.slice(prefix.length) || 'index.html';
    requests.set(rel, (requests.get(rel) ?? 0) + 1);
    if (!firstRequestMs.has(rel)) firstRequestMs.set(rel, Date.now());
    const file = normalize(join(dir, rel));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end('forbidden');
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-cache',
        });
        res.end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    firstRequestMs,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
