// The shape of a plain HTTP route beside GraphQL (health, pages, PDFs, files, OParl). Each feature
// module exports one; the app (app.ts) mounts them in order.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../services.js';

/** Handles the request and returns true, or returns false to let the next route try. */
export type Route = (request: IncomingMessage, response: ServerResponse, services: Services) => Promise<boolean>;
