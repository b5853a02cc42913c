/**
 * @module Benchmark 2, web-chat step latency: simulated visitors open the chat's event stream (SSE) and post
 * /menu → Balance → back to the menu to `/webchat/send` over HTTP, as the page does; a step is timed from sending
 * the POST to its answer (the engine has handled the step and pushed the reply by then), and also until the reply
 * has arrived on the event stream. Baseline in the same run, through the same HTTP client: a bare hono endpoint
 * on @hono/node-server that echoes the posted JSON.
 */
import { serve, type ServerType } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { startProduct, type Product } from '../../main.ts';
import { productEnv, type BenchContext } from './context.ts';
import { figure, type BenchResult } from './report.ts';
import { median, msSince, summarize } from './stats.ts';

/** Keep-alive connections, pooled per (host, port, local address) as browsers pool per visitor. */
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

export interface Visitor {
  sid: string;
  /** Each visitor comes from its own loopback address (127.x.y.z), as real visitors have their own addresses. */
  address: string;
}

let visitors = 0;
export function newVisitor(): Visitor {
  visitors += 1;
  return { sid: randomBytes(32).toString('base64url'), address: `127.${10 + ((visitors >> 16) & 0xff)}.${(visitors >> 8) & 0xff}.${visitors & 0xff}` };
}

function post(base: URL, path: string, visitor: Visitor, body: unknown): Promise<{ status: number; body: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname, port: base.port, path, method: 'POST', agent, localAddress: visitor.address,
        headers: {
          'content-type': 'application/json', 'content-length': Buffer.byteLength(data), origin: base.origin,
          cookie: `wc_session=${visitor.sid}`, 'accept-language': 'ru',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

interface BotMessage {
  id: string;
  from: string;
  text: string;
  choices: { id: string; label: string }[];
  menuToken: string | null;
}

/** The page's event stream for one visitor: waits for messages carrying a given choice. */
class EventStream {
  private buffer = '';
  private waiters: { choice: string; resolve: (m: BotMessage) => void }[] = [];
  private constructor(private readonly res: IncomingMessage) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.feed(chunk));
    res.on('error', () => undefined);
  }

  static open(base: URL, visitor: Visitor): Promise<EventStream> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: base.hostname, port: base.port, path: '/webchat/events', localAddress: visitor.address, headers: { cookie: `wc_session=${visitor.sid}`, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`/webchat/events answered ${res.statusCode}`));
          const stream = new EventStream(res);
          stream.ready.then(() => resolve(stream), reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  private readyResolve: (() => void) | null = null;
  readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));

  /** Resolves with the next bot message that offers `choice`. */
  next(choice: string): Promise<BotMessage> {
    return new Promise((resolve) => this.waiters.push({ choice, resolve }));
  }

  close(): void {
    this.res.destroy();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === 'ready') this.readyResolve?.();
      if (event !== 'message' || !data) continue;
      const message = JSON.parse(data) as BotMessage;
      if (message.from !== 'bot') continue;
      const i = this.waiters.findIndex((w) => message.choices.some((c) => c.id === w.choice));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(message);
    }
  }
}

export interface WebPhase {
  steps: number;
  seconds: number;
  /** POST sent → answer received, per step. */
  roundTrip: number[];
  /** POST sent → the reply on the event stream (ours only). */
  shown: number[];
}

const timeout = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref())]);

/** Round trips per visitor: 4 × 3 steps stays within the per-session burst the web chat allows (15). */
const CYCLES = 4;

const SCRIPT: [name: string, body: Record<string, unknown>, until: string][] = [
  ['/menu', { kind: 'command', name: 'menu' }, 'balance'],
  ['Balance', { kind: 'choice', id: 'balance' }, 'menu'],
  ['back to the menu', { kind: 'choice', id: 'menu' }, 'balance'],
];

/** One visitor of ours (linked beforehand): opens the event stream, then /menu → Balance → back, CYCLES times. */
export async function ourVisit(base: URL, visitor: Visitor, deadline: bigint, phase: WebPhase, seen: Map<string, string>): Promise<void> {
  const stream = await timeout(EventStream.open(base, visitor), 10_000, 'event stream');
  try {
    let token: string | null = null;
    let pressedOn: string | null = null;
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      for (const [name, body, until] of SCRIPT) {
        if (process.hrtime.bigint() >= deadline) return;
        const shown = stream.next(until);
        const start = process.hrtime.bigint();
        const res = await post(base, '/webchat/send', visitor, { ...body, ...(body.kind === 'choice' ? { token, message: pressedOn } : {}), clientId: randomBytes(6).toString('hex') });
        const roundTrip = msSince(start);
        if (res.status !== 202) throw new Error(`POST /webchat/send (${name}) answered ${res.status} ${res.body}`);
        const message = await timeout(shown, 10_000, `reply to ${name}`);
        phase.shown.push(msSince(start));
        phase.roundTrip.push(roundTrip);
        phase.steps += 1;
        token = message.menuToken;
        pressedOn = message.id;
        if (!seen.has(name)) seen.set(name, message.text);
      }
    }
  } finally {
    stream.close();
  }
}

/** One visitor of the baseline: the same posts to the echo endpoint. */
async function echoVisit(base: URL, visitor: Visitor, deadline: bigint, phase: WebPhase): Promise<void> {
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    for (const [, body] of SCRIPT) {
      if (process.hrtime.bigint() >= deadline) return;
      const start = process.hrtime.bigint();
      const res = await post(base, '/echo', visitor, { ...body, clientId: randomBytes(6).toString('hex') });
      phase.roundTrip.push(msSince(start));
      phase.steps += 1;
      if (res.status !== 202) throw new Error(`echo answered ${res.status}`);
    }
  }
}

export async function runPhase(cycle: (deadline: bigint, phase: WebPhase) => Promise<void>, concurrency: number, seconds: number): Promise<WebPhase> {
  const phase: WebPhase = { steps: 0, seconds: 0, roundTrip: [], shown: [] };
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (process.hrtime.bigint() < deadline) await cycle(deadline, phase);
    }),
  );
  phase.seconds = msSince(start) / 1000;
  return phase;
}

function echoServer(): Promise<ServerType> {
  const app = new Hono();
  app.post('/echo', async (c) => c.json(await c.req.json(), 202));
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
  });
}

/** Single-account demo subscribers, as in the Telegram benchmark. */
const SUBSCRIBERS = [
  { id: 'demo-yerzhan', phone: '+77021234567' },
  { id: 'demo-dinara', phone: '+77051234567' },
  { id: 'demo-svetlana', phone: '+77081234567' },
];

/** Visitors who verified before (as in the Telegram benchmark): each chat is linked to a demo subscriber. */
export async function linkedVisitors(product: Product, count: number): Promise<Visitor[]> {
  const pool: Visitor[] = [];
  const now = product.clock.now();
  for (let i = 0; i < count; i += 1) {
    const v = newVisitor();
    const s = SUBSCRIBERS[i % SUBSCRIBERS.length]!;
    // A session the server issued (a made-up id opens nothing), as the page gets from its first visit.
    const issued = await product.webchat.sessions.open();
    v.sid = issued.token;
    const chat = await product.store.chats.touch('webchat', issued.session.externalId, now);
    await product.store.chats.setLanguage(chat.key, 'ru');
    await product.store.chats.link(chat.key, { subscriberId: s.id, phone: s.phone, linkedAt: now, expiresAt: new Date(now.getTime() + 90 * 86_400_000) });
    pool.push(v);
  }
  return pool;
}

/** Runs benchmark 2 (ours and the echo endpoint, round by round) and returns its figures. */
export async function webchatBench(ctx: BenchContext): Promise<BenchResult> {
  const started = process.hrtime.bigint();
  const rounds = ctx.quick ? 2 : 5;
  const concurrency = 16;
  const loadSeconds = ctx.quick ? 1.5 : 3;
  const lightSeconds = ctx.quick ? 1 : 1.5;
  const visitorPool = ctx.quick ? 1_000 : 4_000;
  const product: Product = await startProduct({ env: await productEnv(ctx.dir('webchat'), { DEMO_DATA: 'true' }), hostname: '127.0.0.1' });
  const echo = await echoServer();
  try {
    const ours = new URL(product.url);
    const baseline = new URL(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`);
    const pool = await linkedVisitors(product, visitorPool);
    let used = 0;
    const nextOurs = () => {
      if (used >= pool.length) throw new Error(`more than ${pool.length} visitors needed; raise the pool`);
      return pool[used++]!;
    };
    const seen = new Map<string, string>();
    const oursCycle = (deadline: bigint, phase: WebPhase) => ourVisit(ours, nextOurs(), deadline, phase, seen);
    const baseCycle = (deadline: bigint, phase: WebPhase) => echoVisit(baseline, newVisitor(), deadline, phase);
    ctx.log(`web chat: warming up (${concurrency} visitors, 1 s each) …`);
    await runPhase(baseCycle, concurrency, 1);
    await runPhase(oursCycle, concurrency, 1);
    const light = { ours: [] as WebPhase[], echo: [] as WebPhase[] };
    const load = { ours: [] as WebPhase[], echo: [] as WebPhase[] };
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r += 1) {
      ctx.log(`web chat: round ${r + 1}/${rounds} …`);
      const order = r % 2 ? (['ours', 'echo'] as const) : (['echo', 'ours'] as const);
      for (const who of order) {
        const cycle = who === 'ours' ? oursCycle : baseCycle;
        light[who].push(await runPhase(cycle, 1, lightSeconds));
        load[who].push(await runPhase(cycle, concurrency, loadSeconds));
      }
      const rate = (p: WebPhase) => p.steps / p.seconds;
      ratios.push(rate(load.ours.at(-1)!) / rate(load.echo.at(-1)!));
    }
    const rates = (phases: WebPhase[]) => phases.map((p) => p.steps / p.seconds);
    const rt = (phases: WebPhase[]) => phases.flatMap((p) => p.roundTrip);
    const shown = (phases: WebPhase[]) => phases.flatMap((p) => p.shown);
    return {
      id: 'webchat',
      title: '2. Web-chat step latency over HTTP',
      workload: [
        `ours: the product (startProduct) — each visitor opens /webchat/events (SSE), then POSTs /menu → Balance → back to the menu to /webchat/send; each visitor (own session cookie, own 127.x address, chat linked to a demo subscriber beforehand) does it ${CYCLES} times, then the next visitor comes`,
        `baseline: a bare hono POST endpoint on @hono/node-server echoing the JSON, same HTTP client (node:http, keep-alive), same visitors pattern (no event stream)`,
        `step latency = POST sent → 202 received (the step is handled and its reply pushed by then); "shown" = until the reply is read from the event stream`,
        `${rounds} rounds, ours and baseline alternating; each round: light load (1 visitor, ${lightSeconds} s) then load (${concurrency} visitors, ${loadSeconds} s); 1 s warm-up each at first`,
      ],
      figures: [
        figure('ours, step round trip, 1 visitor', 'ms', summarize(rt(light.ours))),
        figure('baseline, round trip, 1 visitor', 'ms', summarize(rt(light.echo))),
        figure('ours, until shown on the page, 1 visitor', 'ms', summarize(shown(light.ours))),
        figure(`ours, step round trip, ${concurrency} visitors`, 'ms', summarize(rt(load.ours))),
        figure(`baseline, round trip, ${concurrency} visitors`, 'ms', summarize(rt(load.echo))),
        figure(`ours, steps/s (${concurrency} visitors)`, 'steps/s', summarize(rates(load.ours)), rates(load.ours)),
        figure(`baseline, steps/s (${concurrency} visitors)`, 'steps/s', summarize(rates(load.echo)), rates(load.echo)),
      ],
      ratios: [
        { name: 'p50 round trip ours / baseline, 1 visitor', value: median(rt(light.ours)) / median(rt(light.echo)), how: 'ratio of medians' },
        {
          name: 'steps/s ours / baseline',
          value: median(ratios),
          how: `median of ${rounds} per-round ratios, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}`,
        },
      ],
      notes: [...seen].map(([step, text]) => `our reply to "${step}" begins: ${JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 90))}`),
      wallMs: msSince(started),
    };
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
    await product.stop();
  }
}
