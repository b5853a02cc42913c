/**
 * @module The fake mongod's engine (see fake-mongod.ts): in-memory databases and the commands mongoose and the
 * driver send — CRUD, upserts, findAndModify, unique and partial indexes, hints, counts, distinct, and transactions
 * that roll back on abort (by snapshot; concurrent transactions are not isolated from each other).
 */
import {
  applyUpdate, BSON, clone, CommandError, compare, get, matcher, project, seedFromFilter, sortDocs,
  type Collection, type Doc, type Index,
} from './fake-mongod-values.ts';

export interface Engine {
  /** Runs one command; a command-level error becomes an `ok: 0` reply, as mongod sends it. */
  answer(cmd: Doc, port: number): Doc;
}

export function createEngine(): Engine {
  const dbs = new Map<string, Map<string, Collection>>();
  const transactions = new Map<string, { txnNumber: string; snapshot: Buffer }>();
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
      if (clash) {
        const keyValue = Object.fromEntries(Object.keys(index.key).map((k, i) => [k, mine[i]]));
        throw new CommandError(11000, `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: ${JSON.stringify(keyValue)}`,
          'DuplicateKey', { keyPattern: index.key, keyValue });
      }
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
            writeErrors.push({ index: i, code: err.code, errmsg: err.message, ...err.extra });
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
            writeErrors.push({ index: i, code: err.code, errmsg: err.message, ...err.extra });
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
      if (err instanceof CommandError) return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName, ...err.extra };
      return { ok: 0, errmsg: `fake mongod: ${(err as Error).message}`, code: 1, codeName: 'InternalError' };
    }
  };

  return { answer };
}
