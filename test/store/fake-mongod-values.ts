/**
 * @module The fake mongod's values (see fake-mongod.ts): BSON copies, MongoDB's order of types, dotted paths,
 * projections, the update operators the store uses, and filters evaluated by sift (the matcher mongoose ships).
 */
import { createRequire } from 'node:module';
import mongoose from 'mongoose';

export const BSON = mongoose.mongo.BSON;
export type Doc = Record<string, any>;
type ObjectId = InstanceType<typeof BSON.ObjectId>;

const requireFromMongoose = createRequire(createRequire(import.meta.url).resolve('mongoose'));
const sift = (requireFromMongoose('sift') as { default: (q: object) => (d: unknown) => boolean }).default;

export interface Index {
  name: string;
  key: Record<string, number>;
  unique: boolean;
  partialFilterExpression?: Doc;
}

export interface Collection {
  docs: Doc[];
  indexes: Index[];
}

export class CommandError extends Error {
  constructor(readonly code: number, message: string, readonly codeName = 'CommandFailed', readonly extra: Doc = {}) {
    super(message);
  }
}

// === Values: copying, comparing, paths

export const clone = <T>(value: T): T => BSON.deserialize(BSON.serialize({ v: value }), { promoteValues: true }).v as T;

/** MongoDB's order of BSON types for sorting and range comparison. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (v instanceof BSON.ObjectId) return 7;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (typeof v === 'object') return 4;
  return 10;
}

export function compare(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (a === null || a === undefined) return 0;
  if (a instanceof Date) return a.getTime() - (b as Date).getTime();
  if (a instanceof BSON.ObjectId) return a.toHexString() < (b as ObjectId).toHexString() ? -1 : a.toHexString() > (b as ObjectId).toHexString() ? 1 : 0;
  if (typeof a === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b as string));
  if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}

export const get = (doc: Doc, path: string): unknown => path.split('.').reduce<any>((v, k) => (v == null ? undefined : v[k]), doc);

export function set(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
  cur[parts[parts.length - 1]!] = value;
}

export function unset(doc: Doc, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? doc : get(doc, parts.slice(0, -1).join('.'));
  if (parent && typeof parent === 'object') delete (parent as Doc)[parts[parts.length - 1]!];
}

export const sortDocs = (docs: Doc[], sort: Doc | undefined): Doc[] => {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const keys = Object.entries(sort);
  return [...docs].sort((x, y) => {
    for (const [k, dir] of keys) {
      const c = compare(get(x, k), get(y, k));
      if (c !== 0) return c * (Number(dir) < 0 ? -1 : 1);
    }
    return 0;
  });
};

export function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  // Inclusion when any field is asked for (`{ _id: 1 }` alone included), exclusion otherwise.
  const include = Object.entries(projection).filter(([k, v]) => k !== '_id' && v);
  if (include.length || projection._id === 1 || projection._id === true) {
    const out: Doc = {};
    if (projection._id !== 0 && projection._id !== false) out._id = doc._id;
    for (const [k] of include) if (get(doc, k) !== undefined) set(out, k, get(doc, k));
    return out;
  }
  const out = { ...doc };
  for (const [k] of Object.entries(projection)) unset(out, k);
  return out;
}

export function matcher(filter: Doc | undefined): (d: Doc) => boolean {
  try {
    return sift(filter ?? {}) as (d: Doc) => boolean;
  } catch (err) {
    throw new CommandError(2, `bad query: ${(err as Error).message}`, 'BadValue');
  }
}

// === Updates

const OPERATORS = new Set(['$set', '$unset', '$inc', '$setOnInsert', '$max', '$min', '$currentDate']);

export function applyUpdate(doc: Doc, update: Doc, inserting: boolean): void {
  if (Array.isArray(update)) throw new CommandError(9, 'update pipelines are not supported by this fake', 'FailedToParse');
  for (const [op, fields] of Object.entries(update)) {
    if (!OPERATORS.has(op)) throw new CommandError(9, `unknown update operator ${op}`, 'FailedToParse');
    for (const [path, value] of Object.entries(fields as Doc)) {
      if (path === '_id' && op !== '$setOnInsert' && !inserting && compare(doc._id, value) !== 0) {
        throw new CommandError(66, "Performing an update on the path '_id' would modify the immutable field '_id'", 'ImmutableField');
      }
      const current = get(doc, path);
      switch (op) {
        case '$set': set(doc, path, clone(value)); break;
        case '$unset': unset(doc, path); break;
        case '$inc': set(doc, path, (Number(current ?? 0)) + Number(value)); break;
        case '$setOnInsert': if (inserting) set(doc, path, clone(value)); break;
        case '$max': if (current === undefined || compare(value, current) > 0) set(doc, path, clone(value)); break;
        case '$min': if (current === undefined || compare(value, current) < 0) set(doc, path, clone(value)); break;
        case '$currentDate': set(doc, path, new Date()); break;
      }
    }
  }
}

/** The document an upsert starts from: the filter's top-level equalities (MongoDB ignores $or/$and branches here). */
export function seedFromFilter(filter: Doc): Doc {
  const doc: Doc = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof BSON.ObjectId) && !Array.isArray(v)) {
      const ops = Object.keys(v);
      if (ops.length === 1 && ops[0] === '$eq') set(doc, k, clone(v.$eq));
      continue;
    }
    set(doc, k, clone(v));
  }
  return doc;
}
