import type { PrismaClient } from '../generated/prisma/client.js';
import type { Viewer } from '../access/viewer.js';
import type { Services } from '../services.js';

/** Per request (or per subscription): the database, the viewer and the shared services. */
export interface Context {
  prisma: PrismaClient;
  viewer: Viewer;
  services: Services;
}
