/**
 * Web-chat sessions, addresses and event streams (issue 20 item 7; issue 14 "many tabs"), against the product as
 * `npm start` runs it: a session id the client chose is never accepted, the session rotates when the chat is linked
 * (a planted cookie loses the chat), rate limits and code budgets follow a trusted proxy's forwarded address and
 * ignore the header otherwise, event streams are capped per session and per address, and many open tabs no longer
 * grow listeners on one signal (MaxListenersExceededWarning).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { startProduct, type Product } from '../../main.ts';
import { freePort } from '../helpers/spawn-product.ts';
import { WebChatClient } from '../selfservice/webchat-client.ts';
import { codeFromOutbox } from '../helpers/sms-outbox.ts';

const PHONE = '+77015550044';
const ru = translator('ru');

/** From a fresh chat to the number question, as a person clicks: language, then "verify" in the menu. */
async function toNumberQuestion(client: WebChatClient): Promise<void> {
  await client.say('/start');
  await client.press('Русский');
  await client.press(ru('bot:menu.verify'));
  await client.waitForLast(new RegExp(ru('bot:verify.askPhone').slice(0, 20)));
}
let product: Product | null = null;
let dir = '';

async function start(env: Record<string, string> = {}): Promise<Product> {
  dir = mkdtempSync(join(tmpdir(), 'webchat-sessions-'));
  product = await startProduct({
    env: { PORT: String(await freePort()), DATA_DIR: dir, DEMO_DATA: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'sessions-admin-1', SECRET_KEY: 'w'.repeat(40), ...env },
    hostname: '127.0.0.1',
  });
  const now = new Date();
  await product.store.subscribers.create({ id: 'sub-s', fullName: 'Гүлнар Сейітова', phone: PHONE, iin: null, category: 'individual', language: 'ru', notificationsMuted: false, createdAt: now });
  await product.store.accounts.create({
    id: 'acc-s', number: '100000000777', subscriberId: 'sub-s', status: 'current', statusSince: now, billingMethod: 'credit',
    address: 'Алматы, Сейфуллин д-лы, 1', region: 'Алматытелеком', planId: null, services: ['megaline'], termContractUntil: null, openedAt: now, closedAt: null,
  });
  return product;
}

afterEach(async () => {
  await product?.stop();
  product = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cookieOf = (response: Response) => /wc_session=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1] ?? null;

/** Opens an event stream and collects its event names until it ends (or `close()`). */
function watch(p: Product, token: string, headers: Record<string, string> = {}) {
  const events: string[] = [];
  const abort = new AbortController();
  const done = fetch(`${p.url}/webchat/events`, { headers: { cookie: `wc_session=${token}`, ...headers }, signal: abort.signal }).then(async (res) => {
    if (res.status !== 200) return res.status;
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        for (const m of value.matchAll(/^event: (.+)$/gm)) events.push(m[1]!);
      }
    } catch {
      // closed by the test
    }
    return 200;
  }, () => 0);
  return { events, done, close: () => abort.abort() };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('web-chat sessions', () => {
  it('Should never accept a session id the client chose: a new session for a new chat instead', async () => {
    const p = await start();
    const chosen = 'A'.repeat(43);
    const page = await fetch(`${p.url}/`, { headers: { cookie: `wc_session=${chosen}` } });
    const issued = cookieOf(page);
    expect(issued).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued).not.toBe(chosen);
    expect((await fetch(`${p.url}/webchat/events`, { headers: { cookie: `wc_session=${chosen}` } })).status).toBe(401);
    const post = await fetch(`${p.url}/webchat/send`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: p.url, cookie: `wc_session=${chosen}` },
      body: JSON.stringify({ kind: 'command', name: 'start' }),
    });
    expect(post.status).toBe(401);
  });

  it('Attack: a planted session cookie — the victim verifies, the session rotates, the attacker\'s copy opens nothing', async () => {
    const p = await start();
    // The attacker gets a genuine session and plants its cookie in the victim's browser.
    const planted = cookieOf(await fetch(`${p.url}/`))!;
    const attackerStream = watch(p, planted);
    const victim = await new WebChatClient(p.url).open(planted);
    await toNumberQuestion(victim);
    await victim.say('8 701 555 00 44');
    await victim.waitForLast(/\*\*\* \*\* 44/);
    await victim.say(await codeFromOutbox(p.store, PHONE));
    await victim.waitFor(/Номер подтверждён/);
    expect(victim.rotations).toBe(1);
    expect(victim.token).not.toBe(planted);

    // The attacker's open stream was told to go and ended; its cookie no longer opens the chat.
    expect(await attackerStream.done).toBe(200);
    expect(attackerStream.events).toContain('rotate');
    expect((await fetch(`${p.url}/webchat/events`, { headers: { cookie: `wc_session=${planted}` } })).status).toBe(401);
    const home = await fetch(`${p.url}/`, { headers: { cookie: `wc_session=${planted}` } });
    const fresh = await p.webchat.sessions.resolve(cookieOf(home)!);
    expect(fresh?.externalId).not.toBe(await victim.externalId(p.webchat.sessions));
    expect((await p.store.chats.get(`webchat:${fresh!.externalId}`))?.subscriberId ?? null).toBeNull();

    // The victim keeps the chat (and its link) with the new cookie, and a second rotation comes with /logout.
    await victim.say('/menu');
    await victim.waitForLast(/Главное меню/);
    await victim.say('/logout');
    await until(() => victim.rotations === 2, 'the rotation at logout');
    victim.close();
    attackerStream.close();
  });
});

describe('logging out on a shared computer (issue 14 item 5)', () => {
  it('Should forget what was shown while linked: after /logout a reopened page shows only the logout answer', async () => {
    const p = await start();
    const first = await new WebChatClient(p.url).open();
    await toNumberQuestion(first);
    await first.say('8 701 555 00 44');
    await first.waitForLast(/\*\*\* \*\* 44/);
    await first.say(await codeFromOutbox(p.store, PHONE));
    await first.waitFor(/Номер подтверждён/);
    await first.say('/menu');
    await first.waitForLast(/Главное меню/);
    await first.type('/logout');
    await until(() => first.rotations === 2, 'the rotation at logout');
    const token = first.token;
    first.close();

    // The next person at this computer opens the page with the same browser (the cookie after logout).
    const next = await new WebChatClient(p.url).open(token);
    const answer = await next.waitFor(new RegExp(ru('bot:logout.done').slice(0, 20)));
    expect(answer.text).toContain(ru('bot:logout.done'));
    const shown = next.messages.map((m) => m.text).join('\n');
    expect(shown).not.toMatch(/Номер подтверждён|\*\*\* \*\* 44|\/logout/);
    next.close();
  });
});

describe('client addresses behind a proxy', () => {
  const postFrom = (p: Product, token: string, forwarded: string) => fetch(`${p.url}/webchat/send`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: p.url, cookie: `wc_session=${token}`, 'x-forwarded-for': forwarded },
    body: JSON.stringify({ kind: 'command', name: 'start' }),
  });

  it('Should ignore X-Forwarded-For from a peer that is not a trusted proxy (one address, one budget)', async () => {
    const p = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const { token } = await p.webchat.sessions.open();
      statuses.push((await postFrom(p, token, `198.51.100.${i}`)).status);
    }
    // 60 at once, then 4 a second for the one address the socket shows; changing the header changes nothing.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
  });

  it('Should give each forwarded address its own budget behind a trusted proxy, and refuse codes for an 11th number', async () => {
    const p = await start({ TRUSTED_PROXIES: '127.0.0.1, ::1' });
    const statuses: number[] = [];
    for (let i = 0; i < 70; i += 1) {
      const { token } = await p.webchat.sessions.open();
      statuses.push((await postFrom(p, token, `198.51.100.${i}, 127.0.0.1`)).status);
    }
    expect(statuses.every((s) => s === 202)).toBe(true);
    // Eleven numbers from one forwarded address, each from a fresh session: the eleventh gets no code.
    const answers: string[] = [];
    for (let i = 0; i < 11; i += 1) {
      const client = await new WebChatClient(p.url, { 'x-forwarded-for': '203.0.113.50' }).open();
      await toNumberQuestion(client);
      await client.say(`8 705 000 00 ${String(10 + i)}`);
      const sent = ru('verification:code_sent', { phone: '+7 705 *** ** ', minutes: 5 }).slice(0, 12);
      answers.push((await client.waitFor(new RegExp(`^(${sent}|${ru('verification:requester_limit', { minutes: 60 }).slice(0, 20)})`))).text);
      client.close();
    }
    expect(answers.slice(0, 10).every((a) => a.includes('SMS'))).toBe(true);
    expect(answers.slice(0, 10).some((a) => a.includes(ru('verification:requester_limit', { minutes: 60 })))).toBe(false);
    expect(answers[10]).toContain(ru('verification:requester_limit', { minutes: 60 }));
  });
});

describe('event streams', () => {
  it('Should cap open streams per session and per address', async () => {
    const p = await start({ WEBCHAT_STREAMS_PER_SESSION: '3', WEBCHAT_STREAMS_PER_ADDRESS: '5' });
    const { token } = await p.webchat.sessions.open();
    const tabs = [watch(p, token), watch(p, token), watch(p, token)];
    await until(() => tabs.every((t) => t.events.includes('ready')), 'three tabs');
    expect(await watch(p, token).done).toBe(429);
    const others = [watch(p, (await p.webchat.sessions.open()).token), watch(p, (await p.webchat.sessions.open()).token)];
    await until(() => others.every((t) => t.events.includes('ready')), 'two more sessions');
    expect(await watch(p, (await p.webchat.sessions.open()).token).done).toBe(429);
    // A closed tab frees its place.
    tabs[0]!.close();
    await new Promise((r) => setTimeout(r, 200));
    const again = watch(p, token);
    await until(() => again.events.includes('ready'), 'a tab after one closed');
    for (const t of [...tabs, ...others, again]) t.close();
  });

  it('Should hold forty open tabs without a MaxListenersExceededWarning, and end them all at shutdown', async () => {
    const p = await start();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const tabs: Array<ReturnType<typeof watch>> = [];
      for (let i = 0; i < 40; i += 1) tabs.push(watch(p, (await p.webchat.sessions.open()).token));
      await until(() => tabs.every((t) => t.events.includes('ready')), 'forty tabs');
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))).toEqual([]);
      await p.stop();
      product = null;
      expect(await Promise.all(tabs.map((t) => t.done))).toEqual(Array(40).fill(200));
    } finally {
      process.off('warning', onWarning);
    }
  });
});
