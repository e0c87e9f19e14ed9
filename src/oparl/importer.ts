// Imports a whole OParl system into our database: idempotent upserts keyed by the OParl id
// (`oparlId`), an object is written only when its `modified` is newer than ours; embedded objects
// are written with the object that embeds them, a list page in one transaction (what the page
// already has is read in one query per type); references to objects not yet
// imported are fetched on demand. Incremental after the first complete run (modified_since with a
// safety margin), deletions applied softly, resumable per list page through ./state.ts. File
// contents are fetched into the file store before the transaction that writes their File.
import { randomUUID } from 'node:crypto';
import { MAX_FILE_BYTES, sniffMediaType } from '../files/content.js';
import type { FileStore } from '../files/store.js';
import { storeContent } from '../files/upload.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Downloader, Source } from './client.js';
import { Flaws } from './flaws.js';
import { Progress } from './progress.js';
import { contentUrl, embeddedLocations, mappings, type ImportContext, type Json, type Tx } from './records.js';
import { importTables, Inserts } from './inserts.js';
import { delegateOf, resourceTypes } from './resources.js';
import type { StateFile, ImportState } from './state.js';
import { listAttribute, listType, SCHEMA, type BodyList, type ObjectType } from './urls.js';
import { Values } from './values.js';

export interface ImportOptions {
  prisma: PrismaClient;
  source: Source;
  state: StateFile;
  flaws?: Flaws;
  progress?: Progress;
  /** Subtracted from the last run's start for modified_since: clocks and slow transactions differ. */
  safetyMarginMs?: number;
  /** Where file contents go; without it, files are only referenced by their URL. */
  files?: { store: FileStore; downloader: Downloader };
}

export interface ImportSummary {
  objects: number;
  written: number;
  deleted: number;
  files: { fetched: number; bytes: number };
  since?: string;
  complete: boolean;
  flaws: Record<string, number>;
  seconds: number;
}

/** Rows written in one run from which the run is a bulk load, after which statistics are out of date. */
const BULK_LOAD = 1_000;

/** Lists in an order that has most references point at objects imported before. */
const listOrder: BodyList[] = ['location', 'legislativeTerm', 'organization', 'person', 'membership', 'meeting', 'paper', 'agendaItem', 'consultation', 'file'];

interface Known {
  id: string;
  modified: Date;
}

interface Pending {
  type: ObjectType;
  json: Json;
  /** The URL it was fetched from, when that differs from its id. */
  url?: string;
}

export class Importer {
  private readonly flaws: Flaws;
  private readonly progress: Progress;
  private readonly known = new Map<string, Known>();
  private readonly inProgress = new Set<string>();
  /** OParl ids of the current page (embedded objects included) that we do not have yet. */
  private readonly absent = new Set<string>();
  /** Objects checked and ready to be written together, in one transaction. */
  private pending: Pending[] = [];
  /** The new rows of the current transaction. */
  private inserts = new Inserts();
  /** Content fields of the Files the pending objects bring, by OParl id, merged into their rows. */
  private readonly contents = new Map<string, Record<string, unknown>>();
  private bodyId?: string;
  private state!: ImportState;
  private deleted = 0;
  private complete = true;

  constructor(private readonly options: ImportOptions) {
    this.flaws = options.flaws ?? new Flaws();
    this.progress = options.progress ?? new Progress();
  }

  async run(): Promise<ImportSummary> {
    const started = Date.now();
    const { source, state: stateFile } = this.options;
    this.state = await stateFile.load(source.systemUrl);
    if (!this.state.runStartedAt) {
      const margin = this.options.safetyMarginMs ?? 3600_000;
      this.state.runStartedAt = new Date().toISOString();
      this.state.runSince = this.state.lastCompleteRun ? new Date(Date.parse(this.state.lastCompleteRun) - margin).toISOString() : undefined;
      this.state.lists = {};
      await stateFile.save(this.state);
    }
    const system = await this.fetchObject(source.systemUrl, 'System');
    const bodies: Json[] = [];
    if (system) {
      for await (const { data } of this.pages(system.body, 'Body', undefined)) {
        for (const json of data) {
          if (await this.importObject('Body', json, { page: system.body })) bodies.push(json);
        }
      }
    } else this.complete = false;
    this.progress.lists.total = bodies.length * listOrder.length;
    for (const body of bodies) {
      this.bodyId = this.known.get(body.id)?.id;
      for (const list of listOrder) {
        const url = body[listAttribute[list]];
        if (typeof url === 'string') {
          for await (const { data, url: pageUrl } of this.pages(url, listType[list], `${body.id} ${list}`)) await this.importPage(listType[list], data, pageUrl);
        }
        this.progress.lists.done++;
        this.progress.tick();
      }
    }
    // A first import is a bulk load: until ANALYZE, PostgreSQL plans with the statistics of empty
    // tables (a walk of the OParl lists of 101,000 objects took 1.6× as long), and autovacuum's
    // comes later, if at all.
    if (this.progress.written >= BULK_LOAD) await this.options.prisma.$executeRawUnsafe(`ANALYZE ${importTables.join(', ')}`);
    const since = this.state.runSince;
    if (this.complete) {
      this.state = { source: source.systemUrl, lists: {}, lastCompleteRun: this.state.runStartedAt };
      await stateFile.save(this.state);
    }
    this.progress.end();
    return {
      objects: this.progress.objects,
      written: this.progress.written,
      deleted: this.deleted,
      files: this.progress.files,
      since,
      complete: this.complete,
      flaws: Object.fromEntries(this.flaws.counts),
      seconds: (Date.now() - started) / 1000,
    };
  }

  private async fetchObject(url: string, type: string): Promise<Json | undefined> {
    const fetched = await this.options.source.get(url);
    if (fetched.status === 'missing') this.flaws.report('not found', url);
    return fetched.status === 'ok' ? this.check(fetched.json, type, url) : undefined;
  }

  /** The pages of a list, resumed where an interrupted run stopped; `key` undefined: not resumable. */
  private async *pages(listUrl: unknown, type: string, key: string | undefined): AsyncGenerator<{ data: Json[]; url: string }> {
    if (typeof listUrl !== 'string') return;
    const since = this.state.runSince;
    let url: string | undefined = (key && this.state.lists[key]) || (since ? `${listUrl}${listUrl.includes('?') ? '&' : '?'}modified_since=${encodeURIComponent(since)}` : listUrl);
    if (url === 'done') return;
    const visited = new Set<string>();
    // The next page is fetched while this one is written: the source's latency and our writes overlap.
    let fetching = this.options.source.get(url, type);
    while (url) {
      if (visited.has(url)) {
        this.flaws.report('pagination loop', url);
        break;
      }
      visited.add(url);
      const fetched = await fetching;
      if (fetched.status === 'failed') {
        this.complete = false;
        return;
      }
      if (fetched.status === 'missing') {
        // Some servers answer an empty (filtered) list with 404.
        this.flaws.report('404 for a list', url);
        break;
      }
      const { data, next } = this.asPage(fetched.json, url);
      if (next && !visited.has(next)) fetching = this.options.source.get(next, type);
      yield { data, url };
      url = next;
      if (key) {
        this.state.lists[key] = next ?? 'done';
        await this.options.state.save(this.state);
      }
    }
    if (key) this.state.lists[key] = 'done';
  }

  private asPage(json: unknown, url: string): { data: Json[]; next?: string } {
    if (Array.isArray(json)) {
      this.flaws.report('array instead of a list object', url);
      return { data: json };
    }
    const page = json as Json;
    if (page && Array.isArray(page.data)) return { data: page.data, next: typeof page.links?.next === 'string' ? page.links.next : undefined };
    if (page && typeof page === 'object' && (page.id || page.type)) {
      this.flaws.report('single object where a list belongs', url);
      return { data: [page] };
    }
    this.flaws.report('not a list', url);
    return { data: [] };
  }

  /** Checks what every object needs: an id and the expected type. Returns undefined to skip it. */
  private check(json: unknown, type: string, url: string): Json | undefined {
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      this.flaws.report('not an object', url);
      return undefined;
    }
    const object = json as Json;
    const actual = typeof object.type === 'string' ? object.type.split('/').pop() : undefined;
    if (!actual) this.flaws.report('missing type', url);
    else if (actual !== type) {
      this.flaws.report(`${actual} where a ${type} belongs`, url);
      return undefined;
    }
    if (typeof object.id !== 'string' || !/^https?:\/\//.test(object.id)) {
      this.flaws.report('missing id', url);
      return undefined;
    }
    return actual ? object : { ...object, type: `${SCHEMA}${type}` };
  }

  /**
   * One query per type for the rows a page (with everything embedded in it) already has, instead
   * of one per object; the rest are remembered as absent, so that writing them asks nothing.
   */
  private async preload(type: ObjectType, page: Json[]) {
    const byType = new Map<ObjectType, Set<string>>();
    const collect = (childType: ObjectType, json: unknown) => {
      if (!json || typeof json !== 'object') return;
      const { id } = json as Json;
      if (typeof id === 'string' && !this.known.has(id)) byType.set(childType, (byType.get(childType) ?? new Set()).add(id));
      for (const location of embeddedLocations(childType, json as Json)) collect('Location', location);
      for (const child of mappings[childType].children?.(json as Json) ?? []) collect(child.type, child.json);
    };
    for (const json of page) collect(type, json);
    this.absent.clear();
    for (const [childType, ids] of byType) {
      const urls = [...ids];
      const rows: (Known & { oparlId: string })[] = await delegateOf(this.options.prisma, childType).findMany({
        where: { oparlId: { in: urls } },
        select: { id: true, oparlId: true, modified: true },
      });
      for (const row of rows) this.known.set(row.oparlId, { id: row.id, modified: row.modified });
      for (const url of urls) if (!this.known.has(url)) this.absent.add(url);
    }
  }

  /** A list page: checked object by object, then written in one transaction. */
  private async importPage(type: ObjectType, data: Json[], page: string) {
    await this.preload(type, data);
    for (const json of data) {
      const prepared = await this.prepare(type, json, { page });
      if (prepared?.write) this.pending.push({ type, json: prepared.json });
    }
    await this.flush();
  }

  /** Imports one top-level object on its own (a Body, a reference); returns false when it was skipped as invalid. */
  private async importObject(type: ObjectType, raw: unknown, from: { url?: string; page?: string }): Promise<boolean> {
    // What is pending is written first: the object may refer to it.
    await this.flush();
    const prepared = await this.prepare(type, raw, from);
    if (!prepared) return false;
    if (!prepared.write) return true;
    this.pending.push({ type, json: prepared.json, url: from.url });
    await this.flush();
    return this.known.has(prepared.json.id);
  }

  /**
   * Checks an object, applies its deletion, and prepares writing it when it is newer than ours:
   * its references are imported first and its files' contents fetched.
   */
  private async prepare(type: ObjectType, raw: unknown, from: { url?: string; page?: string }): Promise<{ json: Json; write: boolean } | undefined> {
    const { url } = from;
    const json = this.check(raw, type, url ?? (typeof (raw as Json)?.id === 'string' ? (raw as Json).id : from.page!));
    if (!json) return undefined;
    if (url && json.id !== url) this.flaws.report('id differs from the requested URL', url, json.id);
    this.progress.objects++;
    this.progress.tick();
    const modified = new Values(this.flaws, json.id).modified(json);
    const known = this.known.get(json.id) ?? (this.absent.has(json.id) ? undefined : await this.lookup(type, json.id));
    if (json.deleted === true) {
      if (known) {
        await delegateOf(this.options.prisma, type).updateMany({ where: { id: known.id, deleted: false }, data: { deleted: true, modified } });
        this.deleted++;
      }
      return { json, write: false };
    }
    if ((known && known.modified >= modified) || this.inProgress.has(json.id)) return { json, write: false };
    this.inProgress.add(json.id);
    await this.resolveReferences(type, json);
    await this.fetchContents(type, json);
    return { json, write: true };
  }

  /** Writes the pending objects in one transaction. */
  private async flush() {
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    try {
      await this.options.prisma.$transaction(
        async (tx) => {
          this.inserts = new Inserts();
          for (const { type, json, url } of batch) {
            const id = await this.write(tx, type, json, { bodyId: this.bodyId });
            if (id && url && url !== json.id) this.known.set(url, this.known.get(json.id)!);
          }
          await this.inserts.flush(tx);
        },
        { maxWait: 30_000, timeout: 120_000 },
      );
    } finally {
      for (const { json } of batch) this.inProgress.delete(json.id);
      this.contents.clear();
    }
  }

  private async lookup(type: ObjectType, oparlId: string): Promise<Known | undefined> {
    const row: Known | null = await delegateOf(this.options.prisma, type).findUnique({ where: { oparlId }, select: { id: true, modified: true } });
    if (row) this.known.set(oparlId, row);
    return row ?? undefined;
  }

  /** References of the object and everything embedded in it, fetched and imported when unknown. */
  private async resolveReferences(type: ObjectType, json: Json) {
    const mapping = mappings[type];
    for (const [url, target] of mapping.refs(json)) {
      if (typeof url !== 'string' || this.known.has(url) || this.inProgress.has(url)) continue;
      if (await this.lookup(target, url)) continue;
      const fetched = await this.fetchObject(url, target);
      // A reference that cannot be fetched was reported by fetchObject; the object keeps the rest.
      if (fetched) await this.importObject(target, fetched, { url });
    }
    for (const child of [...embeddedLocations(type, json).map((location) => ({ type: 'Location' as const, json: location })), ...(mapping.children?.(json) ?? [])]) {
      if (child.json && typeof child.json === 'object') await this.resolveReferences(child.type, child.json as Json);
    }
  }

  /**
   * Fetches the contents of the object's Files (itself or embedded) that changed. A File whose
   * source checksum matches what the store holds keeps it; one that fails stays referenced only.
   */
  private async fetchContents(type: ObjectType, json: Json) {
    const { files } = this.options;
    if (!files) return;
    const children = mappings[type].children?.(json) ?? [];
    for (const child of children) if (child.json && typeof child.json === 'object') await this.fetchContents(child.type, child.json as Json);
    if (type !== 'File' || typeof json.id !== 'string' || json.deleted === true || this.contents.has(json.id)) return;
    const v = new Values(this.flaws, json.id);
    const url = contentUrl(json, v);
    if (!url) return;
    const row = await this.options.prisma.file.findUnique({
      where: { oparlId: json.id },
      select: { modified: true, storageKey: true, sha512Checksum: true, size: true, mimeType: true, text: true },
    });
    // Unchanged: write() leaves the row as it is.
    if (row && row.modified >= v.modified(json)) return;
    const { storageKey, sha512Checksum, size, mimeType, text } = row ?? {};
    if (storageKey && sha512Checksum && sha512Checksum === v.string(json.sha512Checksum)) {
      this.contents.set(json.id, { storageKey, sha512Checksum, size, mimeType, text });
      return;
    }
    const downloaded = await files.downloader.download(url, MAX_FILE_BYTES);
    if (downloaded.status !== 'ok') {
      this.contents.set(json.id, { storageKey: null });
      return;
    }
    const { data } = downloaded;
    const sniffed = sniffMediaType(data, v.string(json.fileName) ?? new URL(url).pathname) ?? v.string(json.mimeType) ?? 'application/octet-stream';
    this.contents.set(json.id, await storeContent(files.store, data, sniffed));
    this.progress.files.fetched++;
    this.progress.files.bytes += data.length;
    this.progress.tick();
  }

  /** Writes an object and what it embeds. Embedded objects (`embedded`) are written only when newer than ours. */
  private async write(tx: Tx, type: ObjectType, json: Json, parent: ImportContext['parent'], embedded = false): Promise<string | undefined> {
    const mapping = mappings[type];
    const values = new Values(this.flaws, json.id);
    const modified = values.modified(json);
    if (embedded) {
      const known: Known | null | undefined =
        this.known.get(json.id) ??
        (this.absent.has(json.id) ? undefined : await delegateOf(tx, type).findUnique({ where: { oparlId: json.id }, select: { id: true, modified: true } }));
      // Remembered, so that the parent's reference to an unchanged embedded object resolves.
      if (known) this.known.set(json.id, known);
      if (known && known.modified >= modified) return known.id;
    }
    const context: ImportContext = {
      v: values,
      parent,
      modified,
      ref: (url) => (typeof url === 'string' ? this.known.get(url)?.id : undefined),
      isNew: !this.known.has(json.id),
      inserts: this.inserts,
    };
    for (const location of embeddedLocations(type, json)) {
      const checked = this.check(location, 'Location', json.id);
      if (checked) await this.write(tx, 'Location', checked, { bodyId: parent.bodyId }, true);
    }
    const data = mapping.data(json, context);
    if (typeof data === 'string') {
      this.flaws.report(`missing required ${data}`, json.id);
      return undefined;
    }
    Object.assign(data, this.contents.get(json.id));
    const created = values.dateTime(json.created, 'created') ?? modified;
    let id: string;
    if (context.isNew) {
      id = randomUUID();
      this.inserts.add(resourceTypes[type].model, [{ ...data, id, oparlId: json.id, created, modified }]);
    } else {
      // The changed row may refer to new rows: those are written first.
      await this.inserts.flush(tx);
      ({ id } = await delegateOf(tx, type).upsert({
        where: { oparlId: json.id },
        create: { ...data, oparlId: json.id, created, modified },
        update: { ...data, modified, deleted: false },
        select: { id: true },
      }));
    }
    this.known.set(json.id, { id, modified });
    this.progress.written++;
    await mapping.links?.(tx, id, json, context);
    // A file embedded in an agenda item belongs to the item's meeting too.
    const inherited = { bodyId: parent.bodyId, meetingId: typeof data.meetingId === 'string' ? data.meetingId : undefined };
    for (const child of mapping.children?.(json) ?? []) {
      const checked = this.check(child.json, child.type, json.id);
      if (checked && checked.deleted !== true) await this.write(tx, child.type, checked, { ...inherited, ...child.parent(id) }, true);
    }
    return id;
  }
}

