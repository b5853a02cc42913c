/** @module Store contract: server-issued web-chat sessions, and each web chat's recent messages (issue 20). */
import { expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';
import type { WebChatMessage } from '../../core/webchat/model.ts';

const t0 = new Date('2026-03-10T06:00:00Z');
const later = (days: number) => new Date(t0.getTime() + days * 86_400_000);
const session = (tokenHash: string, externalId: string, days = 30) => ({ tokenHash, externalId, createdAt: t0, expiresAt: later(days) });

export function webchatContract(open: () => Promise<Store>): void {
  it('Should find a session by its token hash until it expires, and never one it did not issue', async () => {
    const s = await open();
    await s.webchatSessions.create(session('h1', 'chat-a'));
    expect(await s.webchatSessions.find('h1', later(1))).toEqual(session('h1', 'chat-a'));
    expect(await s.webchatSessions.find('h1', later(30))).toBeNull();
    expect(await s.webchatSessions.find('made-up', later(1))).toBeNull();
  });

  it('Should revoke every other session of the chat when one is kept (rotation)', async () => {
    const s = await open();
    await s.webchatSessions.create(session('old-1', 'chat-a'));
    await s.webchatSessions.create(session('old-2', 'chat-a'));
    await s.webchatSessions.create(session('other', 'chat-b'));
    await s.webchatSessions.create(session('new', 'chat-a'));
    expect(await s.webchatSessions.revokeOthers('chat-a', 'new')).toBe(2);
    expect(await s.webchatSessions.find('old-1', later(1))).toBeNull();
    expect((await s.webchatSessions.find('new', later(1)))?.externalId).toBe('chat-a');
    expect((await s.webchatSessions.find('other', later(1)))?.externalId).toBe('chat-b');
  });

  it('Should purge only expired sessions', async () => {
    const s = await open();
    await s.webchatSessions.create(session('short', 'chat-a', 1));
    await s.webchatSessions.create(session('long', 'chat-b', 30));
    expect(await s.webchatSessions.purge(later(2), 100)).toBe(1);
    expect(await s.webchatSessions.find('long', later(2))).not.toBeNull();
  });
}

export function webchatMessagesContract(open: () => Promise<Store>): void {
  const message = (id: string, at: Date, extra: Partial<WebChatMessage> = {}): WebChatMessage => ({
    id, from: 'bot', text: `Главное меню ${id}`, choices: [{ id: 'balance', label: 'Баланс' }], menuToken: `tok-${id}`, link: null, lang: 'ru',
    used: false, at: at.getTime(), ...extra,
  });

  it('Should keep a chat\'s messages, with their menus\' used state, at a revision every write raises', async () => {
    const s = await open();
    expect(await s.webchatMessages.read('chat-a')).toBeNull();
    expect(await s.webchatMessages.write('chat-a', [message('m1', t0)], 0, t0)).toBe(true);
    const used = [message('m1', t0, { used: true }), message('m2', later(1), { from: 'me', choices: [], menuToken: null })];
    expect(await s.webchatMessages.write('chat-a', used, 1, later(1))).toBe(true);
    expect(await s.webchatMessages.read('chat-a')).toEqual({ externalId: 'chat-a', messages: used, rev: 2, updatedAt: later(1) });
    expect(await s.webchatMessages.read('chat-b')).toBeNull();
  });

  it('Should refuse a write computed from an older revision (another instance wrote first)', async () => {
    const s = await open();
    expect(await s.webchatMessages.write('chat-a', [message('m1', t0)], 0, t0)).toBe(true);
    expect(await s.webchatMessages.write('chat-a', [message('other', t0)], 0, t0)).toBe(false);
    expect(await s.webchatMessages.write('chat-a', [message('m1', t0), message('m2', t0)], 1, t0)).toBe(true);
    expect(await s.webchatMessages.write('chat-a', [message('m1', t0), message('m3', t0)], 1, t0)).toBe(false);
    expect((await s.webchatMessages.read('chat-a'))?.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('Seed 003 cl. 26: retention drops the messages shown before the cutoff, and a chat left with none', async () => {
    const s = await open();
    await s.webchatMessages.write('old', [message('o1', t0)], 0, t0);
    await s.webchatMessages.write('mixed', [message('x1', t0), message('x2', later(100))], 0, later(100));
    await s.webchatMessages.write('new', [message('n1', later(100))], 0, later(100));
    expect(await s.webchatMessages.deleteBefore(later(90), 100)).toBe(2);
    expect(await s.webchatMessages.read('old')).toBeNull();
    const mixed = await s.webchatMessages.read('mixed');
    expect(mixed?.messages.map((m) => m.id)).toEqual(['x2']);
    expect(mixed?.rev).toBe(2);
    expect((await s.webchatMessages.read('new'))?.messages.map((m) => m.id)).toEqual(['n1']);
    expect(await s.webchatMessages.deleteBefore(later(90), 100)).toBe(0);
  });
}
