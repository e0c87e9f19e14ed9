// Serves the meeting-room display (/live/<meeting id>) and the voting page (/vote), built by
// `npm run build:web` into web/dist (the bundle's assets are under /web/). Everything the pages
// need comes from this server: no CDN.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import type { Route } from './route.js';
import { notFoundResponse } from './route-helpers.js';

const distDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

async function sendFile(response: ServerResponse, relativePath: string, cacheControl: string): Promise<boolean> {
  const file = path.resolve(distDir, relativePath);
  if (!file.startsWith(distDir)) return false;
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return false;
    throw error;
  }
  response.writeHead(200, {
    'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
  return true;
}

async function sendPage(response: ServerResponse, page: 'live.html' | 'vote.html'): Promise<true> {
  // Pages are small and must pick up a new build at once; hashed assets may be cached for good.
  if (await sendFile(response, page, 'no-cache')) return true;
  response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('The pages are not built: run `npm run build:web`.\n');
  return true;
}

export const webPagesRoute: Route = async (request, response) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (/^\/live\/[^/]+$/.test(pathname)) return sendPage(response, 'live.html');
  if (pathname === '/vote' || pathname === '/vote/') return sendPage(response, 'vote.html');
  if (pathname.startsWith('/web/')) {
    const found = await sendFile(response, pathname.slice('/web/'.length), 'public, max-age=31536000, immutable');
    return found || notFoundResponse(response);
  }
  return false;
};
