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
import { BSON, type Doc } from './fake-mongod-values.ts';
import { createEngine } from './fake-mongod-engine.ts';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

export interface FakeMongod {
  uri(dbName?: string): string;
  stop(): Promise<void>;
}

/** Starts the fake on a free loopback port. */
export async function startFakeMongod(): Promise<FakeMongod> {
  const { answer } = createEngine();
  const sockets = new Set<Socket>();

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
