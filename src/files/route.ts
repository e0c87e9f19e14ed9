// GET/HEAD /files/<File ID> (inline) and /files/<File ID>/download (attachment): the bytes of a
// stored file, under the same visibility as its agenda item and paper. A file the reader may not
// see is 404 (its existence is not revealed); a deleted one the reader could see is 410.
// ETag (the SHA-512) and Last-Modified allow conditional GETs (304).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { visible } from '../access/visibility.js';
import type { Route } from '../server/route.js';
import type { Services } from '../services.js';
import { notFoundResponse, notModified, routeViewer, sendError, uuidOf } from '../server/route-helpers.js';

const PATH = /^\/files\/([^/?]+)(\/download)?(?:\?.*)?$/;

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'datei';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const fileRoute: Route = async (request, response, services) => {
  const match = request.method === 'GET' || request.method === 'HEAD' ? PATH.exec(request.url ?? '') : null;
  if (!match) return false;
  const id = uuidOf(match[1], 'File');
  if (!id) return notFoundResponse(response);
  const viewer = await routeViewer(services, request, response);
  if (!viewer) return true;
  const file = await services.db.prisma.file.findFirst({ where: { id, ...visible.file(viewer) } });
  if (!file || !file.storageKey || !file.mimeType) return notFoundResponse(response);
  if (file.deleted) return sendError(response, 410, 'NOT_FOUND', 'This file was deleted.');
  await sendStoredFile(request, response, services, { ...file, storageKey: file.storageKey, mimeType: file.mimeType }, match[2] ? 'attachment' : 'inline');
  return true;
};

/** The stored bytes of a file the reader may see, with validators and conditional GET. */
export async function sendStoredFile(
  request: IncomingMessage,
  response: ServerResponse,
  services: Services,
  file: { storageKey: string; mimeType: string; size: number | null; fileName: string | null; modified: Date },
  disposition: 'inline' | 'attachment',
): Promise<void> {
  const etag = `"${file.storageKey}"`;
  const headers = {
    etag,
    'last-modified': file.modified.toUTCString(),
    // Revalidate every time: visibility may change, and a 304 is cheap.
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  };
  if (notModified(request, etag, file.modified)) {
    response.writeHead(304, headers).end();
    return;
  }
  const body = await services.files.open(file.storageKey);
  if (!body) {
    notFoundResponse(response);
    return;
  }
  response.writeHead(200, {
    ...headers,
    'content-type': file.mimeType,
    'content-length': String(file.size ?? 0),
    'content-disposition': contentDisposition(disposition, file.fileName ?? 'datei'),
  });
  if (request.method === 'HEAD') {
    body.destroy();
    response.end();
  } else {
    await pipeline(body, response);
  }
}
