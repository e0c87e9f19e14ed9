// A local OParl server for importer tests: the specification's examples, rewritten to its own
// address, served through routes a test can replace (to inject a flaw) and with a request log.
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { OPARL_REFERENCE } from './oparl.js';

export type Handler = (request: IncomingMessage, response: ServerResponse, hit: number) => void | Promise<void>;

export interface Fixture {
  base: string;
  routes: Map<string, Handler>;
  /** Paths with query, in request order. */
  requests: string[];
  close(): Promise<void>;
}

export const json = (body: unknown, status = 200): Handler => (_request, response) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/** The example objects by file name, with https://oparl.example.org replaced by `base`. */
export function examples(base: string): Record<string, any> {
  const dir = path.join(OPARL_REFERENCE, 'examples');
  return Object.fromEntries(
    readdirSync(dir).map((file) => [file.replace('-01.json', ''), JSON.parse(readFileSync(path.join(dir, file), 'utf8').replaceAll('https://oparl.example.org', base))]),
  );
}

export async function startFixture(): Promise<Fixture> {
  const routes = new Map<string, Handler>();
  const requests: string[] = [];
  const hits = new Map<string, number>();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url!, 'http://x');
    requests.push(url.pathname + url.search);
    const hit = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, hit);
    const handler = routes.get(url.pathname);
    if (handler) await handler(request, response, hit);
    else json({ type: 'https://schema.oparl.org/1.1/Error', message: 'not found' }, 404)(request, response, hit);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
