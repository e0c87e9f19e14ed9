// OParl client helpers for tests and the benchmark: a validator built from the OParl 1.1.1 JSON
// schema files, and a walker that discovers an endpoint by following links only, as clients do.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sharedPath } from './shared.js';

export const OPARL_REFERENCE = sharedPath('oparl-1.1');
// Spelled out rather than imported: the validator must not share the code under test's constants.
const SCHEMA = 'https://schema.oparl.org/1.1/';

type Json = Record<string, any>;

/** Validates an object and everything embedded in it; returns messages naming the object's id. */
export type Validate = (object: Json) => string[];

export function createValidator(schemaDir = path.join(OPARL_REFERENCE, 'schema')): Validate {
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  const validators = new Map<string, ReturnType<Ajv2020['compile']>>();
  /** type name → (property → type of the object embedded there), from the files' `schema` keyword. */
  const embeds = new Map<string, Map<string, string>>();
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8'));
    const name = file.replace(/\.json$/, '');
    const embedded = new Map<string, string>();
    for (const [property, definition] of Object.entries<Json>(schema.properties)) {
      const target = definition.type === 'object' ? definition.schema : definition.type === 'array' ? definition.items?.schema : undefined;
      if (target) embedded.set(property, target.replace(/\.json$/, ''));
    }
    embeds.set(name, embedded);
    // The specification text requires created and modified on every object (OParl 1.1, 3.x).
    schema.required = [...new Set([...schema.required, 'created', 'modified'])];
    validators.set(name, ajv.compile(standardize(schema)));
  }
  const validate: Validate = (object) => {
    const name = String(object.type ?? '').replace(SCHEMA, '');
    const check = validators.get(name);
    if (!check) return [`${object.id}: unknown type ${object.type}`];
    const errors = check(object) ? [] : check.errors!.map((e) => `${object.id} (${name}) ${e.instancePath} ${e.message}`);
    if (object.deleted === true) return errors;
    for (const [property, target] of embeds.get(name)!) {
      const value = object[property];
      for (const child of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
        errors.push(...validate(child.type ? child : { ...child, type: `${SCHEMA}${target}` }));
        if (child.type && child.type !== `${SCHEMA}${target}`) errors.push(`${child.id}: embedded as ${target} but typed ${child.type}`);
      }
    }
    return errors;
  };
  return validate;
}

/** The schema files' own keywords out, `format: url` as the standard `uri`. */
function standardize(node: any): any {
  if (Array.isArray(node)) return node.map(standardize);
  if (!node || typeof node !== 'object') return node;
  const result: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (['references', 'backreference', 'cardinality', 'schema'].includes(key) && typeof value === 'string') continue;
    result[key] = key === 'format' && value === 'url' ? 'uri' : standardize(value);
  }
  return result;
}

/** Attributes whose URLs lead outside the OParl object graph. */
const notObjectLinks = new Set(['accessUrl', 'downloadUrl', 'externalServiceUrl', 'website', 'web', 'license', 'oparlVersion', 'type', 'vendor', 'product', 'fileLicense']);

export interface Walk {
  /** Every object by id, as served at its own URL (or embedded, when not fetched). */
  objects: Map<string, Json>;
  /** Ids listed per list URL (without query). */
  listed: Map<string, Set<string>>;
  /** URLs referenced somewhere that did not answer with the object they name. */
  unreachable: string[];
  embedded: Json[];
  requests: number;
}

/** Follows every link from the System object, the way an OParl client discovers a system. */
export async function walk(systemUrl: string, options: { onObject?: (object: Json) => void } = {}): Promise<Walk> {
  const base = systemUrl.replace(/\/$/, '');
  const result: Walk = { objects: new Map(), listed: new Map(), unreachable: [], embedded: [], requests: 0 };
  const seen = new Set<string>([systemUrl]);
  const queue = [systemUrl];
  const enqueue = (url: string) => {
    if (!seen.has(url)) {
      seen.add(url);
      queue.push(url);
    }
  };
  const collectLinks = (object: Json, topLevel: boolean) => {
    for (const [key, value] of Object.entries(object)) {
      if (notObjectLinks.has(key)) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string' && item.startsWith(base)) enqueue(item);
        else if (item && typeof item === 'object' && item.id) {
          result.embedded.push(item);
          enqueue(item.id);
          collectLinks(item, false);
        }
      }
    }
    if (topLevel) options.onObject?.(object);
  };
  const parallel = 8;
  while (queue.length) {
    const batch = queue.splice(0, parallel);
    await Promise.all(
      batch.map(async (url) => {
        result.requests++;
        const response = await fetch(url);
        if (response.status !== 200) {
          result.unreachable.push(`${url} (${response.status})`);
          return;
        }
        const json = (await response.json()) as Json;
        if (Array.isArray(json.data) && json.pagination) {
          const [listUrl = url] = url.split('?');
          const listed = result.listed.get(listUrl) ?? new Set<string>();
          result.listed.set(listUrl, listed);
          for (const item of json.data) {
            listed.add(item.id);
            result.objects.set(item.id, item);
            enqueue(item.id);
            collectLinks(item, true);
          }
          if (json.links?.next) enqueue(json.links.next);
          return;
        }
        if (json.id !== url) result.unreachable.push(`${url} (answered with id ${json.id})`);
        result.objects.set(json.id, json);
        collectLinks(json, true);
      }),
    );
  }
  return result;
}
