/** @module Store contract: server-issued web-chat sessions (issue 20). */
import { expect, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';

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
