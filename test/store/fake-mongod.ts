/**
 * @module A stand-in for `mongod` that speaks MongoDB's real wire protocol (OP_QUERY handshake, OP_MSG commands)
 * over loopback, keeping data in memory: enough of the server (CRUD, upserts, findAndModify, unique and partial
 * indexes, hints, counts, distinct, sessions, transactions with rollback) for mongoose and the real driver to run the
 * store contract suite when no MongoDB server can be had. It is NOT MongoDB: queries are evaluated by sift (the
 * matcher mongoose itself ships), there is no isolation between concurrent transactions and no TTL monitor. It shows
 * that the MongoDB store's code drives mongoose correctly; MongoDB's own semantics are checked only against a real
 * server (MONGODB_URI / MONGOMS_SYSTEM_BINARY).
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import mongoose from 'mongoose';

const BSON = mongoose.mongo.BSON;
type Doc = Record<string, any>;
type ObjectId = InstanceType<typeof BSON.ObjectId>;

const requireFromMongoose = createRequire(createRequire(import.meta.url).resolve('mongoose'));
const sift = (requireFromMongoose('sift') as { default: (q: object) => (d: unknown) => boolean }).default;

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

interface Index {
  name: string;
  key: Record<string, number>;
  unique: boolean;
  partialFilterExpression?: Doc;
}

interface Collection {
  docs: Doc[];
  indexes: Index[];
}

class CommandError extends Error {
  constructor(readonly code: number, message: string, readonly codeName = 'CommandFailed') {
    super(message);
  }
}

// === Values: copying, comparing, paths

const clone = <T>(value: T): T => BSON.deserialize(BSON.serialize({ v: value }), { promoteValues: true }).v as T;

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

function compare(a: unknown, b: unknown): number {
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

const get = (doc: Doc, path: string): unknown => path.split('.').reduce<any>((v, k) => (v == null ? undefined : v[k]), doc);

function set(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = doc;
  for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
  cur[parts[parts.length - 1]!] = value;
}

function unset(doc: Doc, path: string): void {
  const parts = path.split('.');
  const parent = parts.length === 1 ? doc : get(doc, parts.slice(0, -1).join('.'));
  if (parent && typeof parent === 'object') delete (parent as Doc)[parts[parts.length - 1]!];
}

const sortDocs = (docs: Doc[], sort: Doc | undefined): Doc[] => {
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

function project(doc: Doc, projection: Doc | undefined): Doc {
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

function matcher(filter: Doc | undefined): (d: Doc) => boolean {
  try {
    return sift(filter ?? {}) as (d: Doc) => boolean;
  } catch (err) {
    throw new CommandError(2, `bad query: ${(err as Error).message}`, 'BadValue');
  }
}

// === Updates

const OPERATORS = new Set(['$set', '$unset', '$inc', '$setOnInsert', '$max', '$min', '$currentDate']);

function applyUpdate(doc: Doc, update: Doc, inserting: boolean): void {
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
function seedFromFilter(filter: Doc): Doc {
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

// === The server

export interface FakeMongod {
  uri(dbName?: string): string;
  stop(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeMongod(): Promise<FakeMongod> {
  const dbs = new Map<string, Map<string, Collection>>();
  const transactions = new Map<string, { txnNumber: string; snapshot: Buffer }>();
  const sockets = new Set<Socket>();
  let connectionId = 0;

  const db = (name: string) => {
    let d = dbs.get(name);
    if (!d) dbs.set(name, (d = new Map()));
    return d;
  };
  const coll = (dbName: string, name: string, create = true): Collection => {
    const d = db(dbName);
    let c = d.get(name);
    if (!c && create) d.set(name, (c = { docs: [], indexes: [{ name: '_id_', key: { _id: 1 }, unique: true }] }));
    return c ?? { docs: [], indexes: [] };
  };

  /** Throws E11000 if `doc` would collide with another document on a unique index. */
  const checkUnique = (c: Collection, ns: string, doc: Doc, self: Doc | null) => {
    for (const index of c.indexes.filter((i) => i.unique)) {
      if (index.partialFilterExpression && !matcher(index.partialFilterExpression)(doc)) continue;
      const keyOf = (d: Doc) => Object.keys(index.key).map((k) => get(d, k) ?? null);
      const mine = keyOf(doc);
      const clash = c.docs.find((other) => other !== self
        && (!index.partialFilterExpression || matcher(index.partialFilterExpression)(other))
        && keyOf(other).every((v, i) => compare(v, mine[i]) === 0));
      if (clash) throw new CommandError(11000, `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: ${JSON.stringify(mine)}`, 'DuplicateKey');
    }
  };

  const snapshotAll = () => {
    const plain: Doc = {};
    for (const [dn, d] of dbs) {
      plain[dn] = {};
      for (const [cn, c] of d) plain[dn][cn] = { docs: c.docs, indexes: c.indexes };
    }
    return Buffer.from(BSON.serialize(plain));
  };
  const restoreAll = (snapshot: Buffer) => {
    const plain = BSON.deserialize(snapshot) as Doc;
    dbs.clear();
    for (const [dn, d] of Object.entries(plain)) {
      const m = new Map<string, Collection>();
      for (const [cn, c] of Object.entries(d as Doc)) m.set(cn, c as Collection);
      dbs.set(dn, m);
    }
  };

  const cursor = (ns: string, docs: Doc[]) => ({ cursor: { firstBatch: docs, id: BSON.Long.fromNumber(0), ns }, ok: 1 });

  const hello = (port: number) => ({
    helloOk: true, ismaster: true, isWritablePrimary: true, setName: 'rs0', setVersion: 1,
    electionId: new BSON.ObjectId('7fffffff0000000000000001'), hosts: [`127.0.0.1:${port}`], primary: `127.0.0.1:${port}`,
    me: `127.0.0.1:${port}`, maxBsonObjectSize: 16 * 1024 * 1024, maxMessageSizeBytes: 48_000_000, maxWriteBatchSize: 100_000,
    localTime: new Date(), logicalSessionTimeoutMinutes: 30, connectionId: ++connectionId, minWireVersion: 0, maxWireVersion: 21,
    readOnly: false, ok: 1,
  });

  /** Runs one command; throws CommandError for a command-level error. */
  function run(cmd: Doc, port: number): Doc {
    const name = Object.keys(cmd)[0]!;
    const dbName = (cmd.$db as string | undefined) ?? 'admin';
    const lsid = cmd.lsid?.id ? Buffer.from(cmd.lsid.id.buffer ?? cmd.lsid.id).toString('hex') : null;
    if (lsid && cmd.startTransaction) transactions.set(lsid, { txnNumber: String(cmd.txnNumber), snapshot: snapshotAll() });
    const ns = (c: string) => `${dbName}.${c}`;
    switch (name) {
      case 'hello': case 'isMaster': case 'ismaster': return hello(port);
      case 'ping': case 'endSessions': case 'killCursors': return { ok: 1 };
      case 'buildInfo': case 'buildinfo': return { version: '7.0.0-fake', versionArray: [7, 0, 0, 0], ok: 1 };
      case 'commitTransaction': {
        if (lsid) transactions.delete(lsid);
        return { ok: 1 };
      }
      case 'abortTransaction': {
        const t = lsid ? transactions.get(lsid) : undefined;
        if (t) restoreAll(t.snapshot);
        if (lsid) transactions.delete(lsid);
        return { ok: 1 };
      }
      case 'dropDatabase': dbs.delete(dbName); return { ok: 1 };
      case 'create': coll(dbName, cmd.create); return { ok: 1 };
      case 'listCollections': {
        const names = [...db(dbName).keys()].filter((n) => matcher(cmd.filter)({ name: n }));
        return cursor(ns('$cmd.listCollections'), names.map((n) => ({ name: n, type: 'collection', options: {}, info: { readOnly: false } })));
      }
      case 'listIndexes': return cursor(ns(cmd.listIndexes), coll(dbName, cmd.listIndexes).indexes.map((i) => ({ v: 2, ...i })));
      case 'createIndexes': {
        const c = coll(dbName, cmd.createIndexes);
        for (const spec of cmd.indexes as Doc[]) {
          const same = c.indexes.find((i) => i.name === spec.name);
          const index: Index = { name: spec.name, key: spec.key, unique: Boolean(spec.unique), ...(spec.partialFilterExpression ? { partialFilterExpression: spec.partialFilterExpression } : {}) };
          if (same) {
            if (JSON.stringify(same) !== JSON.stringify(index)) throw new CommandError(85, `Index with name: ${spec.name} already exists with different options`, 'IndexOptionsConflict');
            continue;
          }
          if (c.indexes.some((i) => JSON.stringify(i.key) === JSON.stringify(index.key) && JSON.stringify(i.partialFilterExpression) === JSON.stringify(index.partialFilterExpression))) {
            throw new CommandError(85, `Index already exists with a different name: ${spec.name}`, 'IndexOptionsConflict');
          }
          for (const d of c.docs) checkUnique({ docs: c.docs, indexes: [index] }, ns(cmd.createIndexes), d, d);
          c.indexes.push(index);
        }
        return { ok: 1, createdCollectionAutomatically: false, numIndexesBefore: 1, numIndexesAfter: c.indexes.length };
      }
      case 'insert': {
        const c = coll(dbName, cmd.insert);
        let n = 0;
        const writeErrors: Doc[] = [];
        for (const [i, raw] of (cmd.documents as Doc[]).entries()) {
          const doc = clone(raw);
          doc._id ??= new BSON.ObjectId();
          try {
            checkUnique(c, ns(cmd.insert), doc, null);
            c.docs.push(doc);
            n++;
          } catch (err) {
            if (!(err instanceof CommandError)) throw err;
            writeErrors.push({ index: i, code: err.code, errmsg: err.message });
            if (cmd.ordered !== false) break;
          }
        }
        return writeErrors.length ? { ok: 1, n, writeErrors } : { ok: 1, n };
      }
      case 'find': {
        const c = coll(dbName, cmd.find, false);
        if (cmd.hint && typeof cmd.hint === 'object' && !c.indexes.some((i) => JSON.stringify(i.key) === JSON.stringify(cmd.hint))) {
          throw new CommandError(2, 'error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index', 'BadValue');
        }
        let docs = sortDocs(c.docs.filter(matcher(cmd.filter)), cmd.sort);
        if (cmd.skip) docs = docs.slice(cmd.skip);
        const limit = Math.abs(Number(cmd.limit ?? 0));
        if (limit) docs = docs.slice(0, limit);
        return cursor(ns(cmd.find), docs.map((d) => project(clone(d), cmd.projection)));
      }
      case 'getMore': return { cursor: { nextBatch: [], id: BSON.Long.fromNumber(0), ns: ns(cmd.collection) }, ok: 1 };
      case 'aggregate': {
        let docs = coll(dbName, cmd.aggregate, false).docs.map(clone);
        for (const stage of cmd.pipeline as Doc[]) {
          const [op, arg] = Object.entries(stage)[0]!;
          if (op === '$match') docs = docs.filter(matcher(arg));
          else if (op === '$skip') docs = docs.slice(arg);
          else if (op === '$limit') docs = docs.slice(0, arg);
          else if (op === '$sort') docs = sortDocs(docs, arg);
          else if (op === '$group' && Object.values(arg).every((v) => v === arg._id || (typeof v === 'object' && (v as Doc).$sum === 1))) {
            const out: Doc = { _id: arg._id };
            for (const k of Object.keys(arg).filter((k) => k !== '_id')) out[k] = docs.length;
            docs = docs.length ? [out] : [];
          } else throw new CommandError(40324, `aggregation stage ${op} is not supported by this fake`, 'Location40324');
        }
        return cursor(ns(cmd.aggregate), docs);
      }
      case 'count': return { n: coll(dbName, cmd.count, false).docs.filter(matcher(cmd.query)).length, ok: 1 };
      case 'distinct': {
        const values: unknown[] = [];
        for (const d of coll(dbName, cmd.distinct, false).docs.filter(matcher(cmd.query))) {
          const v = get(d, cmd.key);
          if (v !== undefined && !values.some((x) => compare(x, v) === 0)) values.push(v);
        }
        return { values, ok: 1 };
      }
      case 'update': {
        const c = coll(dbName, cmd.update);
        let n = 0;
        let nModified = 0;
        const upserted: Doc[] = [];
        const writeErrors: Doc[] = [];
        for (const [i, u] of (cmd.updates as Doc[]).entries()) {
          try {
            const targets = c.docs.filter(matcher(u.q));
            if (targets.length === 0 && u.upsert) {
              const doc = seedFromFilter(u.q);
              applyUpdate(doc, u.u, true);
              doc._id ??= new BSON.ObjectId();
              checkUnique(c, ns(cmd.update), doc, null);
              c.docs.push(doc);
              upserted.push({ index: i, _id: doc._id });
              n++;
              continue;
            }
            for (const target of u.multi ? targets : targets.slice(0, 1)) {
              const next = clone(target);
              applyUpdate(next, u.u, false);
              checkUnique(c, ns(cmd.update), next, target);
              if (JSON.stringify(BSON.EJSON.serialize(next)) !== JSON.stringify(BSON.EJSON.serialize(target))) nModified++;
              c.docs[c.docs.indexOf(target)] = next;
              n++;
            }
          } catch (err) {
            if (!(err instanceof CommandError)) throw err;
            writeErrors.push({ index: i, code: err.code, errmsg: err.message });
            if (cmd.ordered !== false) break;
          }
        }
        return { ok: 1, n, nModified, ...(upserted.length ? { upserted } : {}), ...(writeErrors.length ? { writeErrors } : {}) };
      }
      case 'delete': {
        const c = coll(dbName, cmd.delete);
        let n = 0;
        for (const d of cmd.deletes as Doc[]) {
          const match = c.docs.filter(matcher(d.q));
          const gone = d.limit === 1 ? match.slice(0, 1) : match;
          c.docs = c.docs.filter((x) => !gone.includes(x));
          n += gone.length;
        }
        return { ok: 1, n };
      }
      case 'findAndModify': {
        const c = coll(dbName, cmd.findAndModify);
        const target = sortDocs(c.docs.filter(matcher(cmd.query)), cmd.sort)[0];
        if (cmd.remove) {
          if (target) c.docs = c.docs.filter((x) => x !== target);
          return { ok: 1, value: target ? project(clone(target), cmd.fields) : null, lastErrorObject: { n: target ? 1 : 0 } };
        }
        if (!target) {
          if (!cmd.upsert) return { ok: 1, value: null, lastErrorObject: { n: 0, updatedExisting: false } };
          const doc = seedFromFilter(cmd.query);
          applyUpdate(doc, cmd.update, true);
          doc._id ??= new BSON.ObjectId();
          checkUnique(c, ns(cmd.findAndModify), doc, null);
          c.docs.push(doc);
          return { ok: 1, value: cmd.new ? project(clone(doc), cmd.fields) : null, lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id } };
        }
        const next = clone(target);
        applyUpdate(next, cmd.update, false);
        checkUnique(c, ns(cmd.findAndModify), next, target);
        c.docs[c.docs.indexOf(target)] = next;
        return { ok: 1, value: project(clone(cmd.new ? next : target), cmd.fields), lastErrorObject: { n: 1, updatedExisting: true } };
      }
      default:
        throw new CommandError(59, `no such command: '${name}' (not supported by this fake)`, 'CommandNotFound');
    }
  }

  const answer = (cmd: Doc, port: number): Doc => {
    try {
      return run(cmd, port);
    } catch (err) {
      if (err instanceof CommandError) return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName };
      return { ok: 0, errmsg: `fake mongod: ${(err as Error).message}`, code: 1, codeName: 'InternalError' };
    }
  };

  // === Framing: OP_QUERY (the handshake) and OP_MSG (everything after it)

  const header = (length: number, requestId: number, responseTo: number, opCode: number) => {
    const h = Buffer.alloc(16);
    h.writeInt32LE(length, 0);
    h.writeInt32LE(requestId, 4);
    h.writeInt32LE(responseTo, 8);
    h.writeInt32LE(opCode, 12);
    return h;
  };
  let nextRequestId = 1;

  function handle(socket: Socket, message: Buffer, port: number): void {
    const requestId = message.readInt32LE(4);
    const opCode = message.readInt32LE(12);
    if (opCode === OP_QUERY) {
      let at = 20;
      while (message[at] !== 0) at++;
      at += 1 + 8; // cstring, numberToSkip, numberToReturn
      const size = message.readInt32LE(at);
      const cmd = BSON.deserialize(message.subarray(at, at + size)) as Doc;
      const body = Buffer.from(BSON.serialize(answer(cmd, port)));
      const reply = Buffer.alloc(20);
      reply.writeInt32LE(0, 0); // responseFlags
      reply.writeBigInt64LE(0n, 4); // cursorID
      reply.writeInt32LE(0, 12); // startingFrom
      reply.writeInt32LE(1, 16); // numberReturned
      socket.write(Buffer.concat([header(16 + 20 + body.length, nextRequestId++, requestId, OP_REPLY), reply, body]));
      return;
    }
    if (opCode !== OP_MSG) {
      socket.destroy();
      return;
    }
    const flags = message.readUInt32LE(16);
    const end = flags & 1 ? message.length - 4 : message.length;
    let at = 20;
    let cmd: Doc = {};
    while (at < end) {
      const kind = message[at++];
      const size = message.readInt32LE(at);
      if (kind === 0) {
        cmd = { ...BSON.deserialize(message.subarray(at, at + size)), ...cmd };
        at += size;
      } else {
        const sectionEnd = at + size;
        let p = at + 4;
        const idStart = p;
        while (message[p] !== 0) p++;
        const id = message.subarray(idStart, p).toString('utf8');
        p++;
        const docs: Doc[] = [];
        while (p < sectionEnd) {
          const len = message.readInt32LE(p);
          docs.push(BSON.deserialize(message.subarray(p, p + len)));
          p += len;
        }
        cmd[id] = docs;
        at = sectionEnd;
      }
    }
    if (flags & 2) return; // moreToCome: no reply expected
    const body = Buffer.from(BSON.serialize(answer(cmd, port)));
    const flagBits = Buffer.alloc(5);
    flagBits.writeUInt32LE(0, 0);
    flagBits[4] = 0;
    socket.write(Buffer.concat([header(16 + 5 + body.length, nextRequestId++, requestId, OP_MSG), flagBits, body]));
  }

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        handle(socket, message, (server.address() as AddressInfo).port);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    uri: (dbName = '') => `mongodb://127.0.0.1:${port}/${dbName}?directConnection=true&retryWrites=false`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
