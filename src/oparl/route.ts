// The OParl 1.1 endpoint under /oparl/v1.1/: read only, public data, UTF-8 JSON, CORS for every
// origin, ETag/Last-Modified with conditional GET, 301 to the canonical URL, OParl error objects.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../server/route.js';
import type { Services } from '../services.js';
import { BadListQuery, listPage, parseListQuery } from './lists.js';
import { loadObject, resourceTypes, storedFileContent } from './resources.js';
import { sendStoredFile } from '../files/route.js';
import { serializeSystem } from './serializers.js';
import { OPARL_PATH, OparlUrls, listType, parsePath, typeUri, type Resource } from './urls.js';
import { notModified } from '../server/route-helpers.js';

interface Reply {
  status: number;
  body: unknown;
  modified?: Date;
}

const error = (status: number, message: string): Reply => ({ status, body: { type: typeUri('Error'), message } });

export const oparlRoute: Route = async (request, response, services) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.toLowerCase().startsWith(OPARL_PATH)) return false;
  const headers = { 'access-control-allow-origin': '*' };
  if (request.method === 'OPTIONS') {
    response.writeHead(204, { ...headers, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'If-None-Match, If-Modified-Since' });
    response.end();
    return true;
  }
  const parsed = parsePath(url.pathname);
  if (parsed && parsed.canonical !== url.pathname) {
    response.writeHead(301, { ...headers, location: `${services.config.publicUrl}${parsed.canonical}${url.search}` });
    response.end();
    return true;
  }
  let reply: Reply;
  if (request.method !== 'GET' && request.method !== 'HEAD') reply = error(405, 'The OParl interface is read only.');
  else if (!parsed) reply = error(404, 'There is no OParl object at this URL.');
  else if (parsed.resource.kind === 'fileContent') {
    const content = await storedFileContent(services.db.prisma, parsed.resource.id);
    if (content.file) {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      await sendStoredFile(request, response, services, content.file, parsed.resource.disposition);
      return true;
    }
    reply = error(content.status, content.message);
  } else {
    try {
      reply = await answer(parsed.resource, url.searchParams, services);
    } catch (cause) {
      if (!(cause instanceof BadListQuery)) throw cause;
      reply = error(400, cause.message);
    }
  }
  send(request, response, reply, headers);
  return true;
};

async function answer(resource: Exclude<Resource, { kind: 'fileContent' }>, params: URLSearchParams, services: Services): Promise<Reply> {
  const { prisma } = services.db;
  const urls = new OparlUrls(services.config.publicUrl);
  const options = { urls, embed: true };
  switch (resource.kind) {
    case 'system': {
      const latest = await prisma.body.aggregate({ _max: { modified: true } });
      const modified = latest._max.modified ?? new Date(0);
      return { status: 200, body: serializeSystem(options, modified), modified };
    }
    case 'bodies': {
      const { page, modified } = await listPage(prisma, 'Body', {}, parseListQuery(params), urls.bodies, options);
      return { status: 200, body: page, modified };
    }
    case 'object': {
      const found = await loadObject(prisma, resource.type, resource.id, options);
      return found ? { status: 200, body: found.object, modified: found.modified } : error(404, `No ${resource.type} with this id.`);
    }
    case 'list': {
      const body = await prisma.body.findUnique({ where: { id: resource.bodyId }, select: { id: true } });
      if (!body) return error(404, 'No Body with this id.');
      const type = listType[resource.list];
      const scope = resourceTypes[type].inBody(resource.bodyId);
      const { page, modified } = await listPage(prisma, type, scope, parseListQuery(params), urls.list(resource.bodyId, resource.list), options);
      return { status: 200, body: page, modified };
    }
  }
}

function send(request: IncomingMessage, response: ServerResponse, reply: Reply, headers: Record<string, string>) {
  // Encoded once, for the ETag, the length and the body: a list page can be hundreds of kilobytes.
  const json = Buffer.from(JSON.stringify(reply.body));
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  const all: Record<string, string> = { ...headers, 'content-type': 'application/json; charset=utf-8', etag };
  if (reply.modified) all['last-modified'] = reply.modified.toUTCString();
  if (reply.status === 200 && notModified(request, etag, reply.modified)) {
    response.writeHead(304, all);
    response.end();
    return;
  }
  response.writeHead(reply.status, { ...all, 'content-length': String(json.length) });
  response.end(request.method === 'HEAD' ? undefined : json);
}

