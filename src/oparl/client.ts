// Fetching OParl documents from a server (or from a directory of JSON files) the way real servers
// need it: 5xx, timeouts and HTML error pages (even with status 200) are retried with backoff;
// JSON with raw control characters in strings is repaired; 404 is "missing", not an error.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Flaws } from './flaws.js';

export type Fetched = { status: 'ok'; json: unknown } | { status: 'missing' } | { status: 'failed' };

export interface Source {
  readonly systemUrl: string;
  /** `listOf` names the OParl type a list URL holds (a directory lists its objects of that type). */
  get(url: string, listOf?: string): Promise<Fetched>;
}

export interface HttpOptions {
  attempts: number;
  /** First retry delay; doubled on every further attempt. */
  backoffMs: number;
  timeoutMs: number;
}

export const defaultHttpOptions: HttpOptions = { attempts: 5, backoffMs: 500, timeoutMs: 30_000 };

export type Downloaded = { status: 'ok'; data: Uint8Array } | { status: 'failed' };

/** Fetches the contents of OParl Files (accessUrl/downloadUrl). */
export interface Downloader {
  download(url: string, maxBytes: number): Promise<Downloaded>;
}

/** What a response handler answers to have the request repeated. */
const RETRY = Symbol('retry');
type Retry = { [RETRY]: string };
const retry = (problem: string): Retry => ({ [RETRY]: problem });

export class HttpSource implements Source, Downloader {
  requests = 0;
  constructor(readonly systemUrl: string, private readonly flaws: Flaws, private readonly options: HttpOptions = defaultHttpOptions) {}

  get(url: string): Promise<Fetched> {
    return this.request<Fetched>(url, 'application/json', async (response) => {
      const text = await response.text();
      if (response.status === 404 || response.status === 410) return { status: 'missing' };
      if (response.status !== 200) {
        this.flaws.report(`HTTP ${response.status}`, url);
        return { status: 'failed' };
      }
      if (/^\s*</.test(text) || (response.headers.get('content-type') ?? '').includes('html')) {
        // An error page with status 200: usually a transient failure behind a proxy.
        this.flaws.report('HTML instead of JSON', url);
        return retry('HTML instead of JSON');
      }
      const json = parseJson(text, url, this.flaws);
      return json === undefined ? { status: 'failed' } : { status: 'ok', json };
    });
  }

  /** The bytes at `url`; anything but 200 within `maxBytes` is reported as a flaw and fails. */
  download(url: string, maxBytes: number): Promise<Downloaded> {
    return this.request<Downloaded>(url, '*/*', async (response) => {
      if (response.status !== 200) {
        await response.body?.cancel();
        this.flaws.report(`file download HTTP ${response.status}`, url);
        return { status: 'failed' };
      }
      // Read in chunks up to the limit: an oversized file is never held in memory whole.
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = response.body?.getReader();
      for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
        size += read.value.length;
        if (size > maxBytes) {
          await reader!.cancel();
          this.flaws.report('file too large', url, `over ${maxBytes} bytes`);
          return { status: 'failed' };
        }
        chunks.push(read.value);
      }
      return { status: 'ok', data: Buffer.concat(chunks) };
    });
  }

  /** One request with retries and backoff for 5xx, 429, timeouts, network errors and what `handle` asks to retry. */
  private async request<T>(url: string, accept: string, handle: (response: Response) => Promise<T | Retry>): Promise<T | { status: 'failed' }> {
    let problem = '';
    for (let attempt = 0; attempt < this.options.attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs * 2 ** (attempt - 1)));
      this.requests++;
      try {
        const response = await fetch(url, { headers: { accept }, signal: AbortSignal.timeout(this.options.timeoutMs) });
        if (response.status >= 500 || response.status === 429) {
          await response.body?.cancel();
          problem = `HTTP ${response.status}`;
          continue;
        }
        const result = await handle(response);
        if (result && typeof result === 'object' && RETRY in result) problem = result[RETRY];
        else return result as T;
      } catch (error) {
        problem = (error as Error).name === 'TimeoutError' ? 'timeout' : `network error ${(error as Error).message}`;
      }
    }
    this.flaws.report(`gave up after ${this.options.attempts} attempts`, url, problem);
    return { status: 'failed' };
  }
}

/** Parses JSON; raw control characters inside strings (invalid JSON, common in exports) are escaped. */
function parseJson(text: string, url: string, flaws: Flaws): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const repaired = escapeControlCharacters(text);
    try {
      const json = JSON.parse(repaired);
      flaws.report('control characters in JSON', url);
      return json;
    } catch (error) {
      flaws.report('invalid JSON', url, (error as Error).message);
      return undefined;
    }
  }
}

function escapeControlCharacters(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (inString && char === '\\') {
      out += char + (text[++i] ?? '');
      continue;
    }
    if (char === '"') inString = !inString;
    const code = char.charCodeAt(0);
    out += inString && code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}

/**
 * A directory of OParl JSON files (objects or list pages, any names). URLs resolve to the object
 * with that id or the page with that `links.self`; a list URL the directory does not hold lists all
 * its top-level objects of the wanted type.
 */
export class DirectorySource implements Source {
  private constructor(readonly systemUrl: string, private readonly documents: Map<string, unknown>, private readonly byType: Map<string, unknown[]>) {}

  static async open(dir: string, flaws: Flaws): Promise<DirectorySource> {
    const documents = new Map<string, unknown>();
    const byType = new Map<string, unknown[]>();
    let systemUrl = '';
    const files = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.json')).sort();
    for (const name of files) {
      const file = path.join(dir, name);
      const json = parseJson(await readFile(file, 'utf8'), file, flaws) as any;
      if (!json || typeof json !== 'object') continue;
      if (typeof json.links?.self === 'string') documents.set(json.links.self, json);
      for (const object of Array.isArray(json) ? json : Array.isArray(json.data) ? json.data : [json]) {
        if (typeof object?.id !== 'string') continue;
        documents.set(object.id, object);
        const type = String(object.type ?? '').split('/').pop()!;
        const ofType = byType.get(type) ?? [];
        byType.set(type, ofType);
        ofType.push(object);
        if (type === 'System') systemUrl = object.id;
      }
    }
    if (!systemUrl) throw new Error(`No System object in ${dir}`);
    return new DirectorySource(systemUrl, documents, byType);
  }

  async get(url: string, listOf?: string): Promise<Fetched> {
    const json = this.documents.get(url) ?? (listOf ? { data: this.byType.get(listOf) ?? [] } : undefined);
    return json === undefined ? { status: 'missing' } : { status: 'ok', json };
  }
}
