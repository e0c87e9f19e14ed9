import type { PrismaClient } from '../generated/prisma/client.js';
import type { Viewer } from '../access/viewer.js';
import type { Services } from '../services.js';
import type { SharedDelivery } from '../live/subscription-groups.js';

/** Per request (or per subscription): the database, the viewer and the shared services. */
export interface Context {
  prisma: PrismaClient;
  viewer: Viewer;
  services: Services;
  /** Over WebSocket and SSE: how a live subscription is delivered shared with its group. */
  delivery?: SharedDelivery;
  /** The values a group's own subscription streams (src/live/subscription-groups.ts). */
  groupValues?: AsyncIterable<unknown>;
}
