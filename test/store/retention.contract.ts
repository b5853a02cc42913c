/**
 * @module Store contract: the retention jobs' port (issue 18 item 8): ticket messages by age (seed 003 cl. 26, "kept 3
 * months"), subscribers whose contract ended, and erasing their personal data (App. 5 cl. 15, "for the three years
 * after the contract ends").
 */
import { expect, it } from 'vitest';
import type { AccountStatus } from '../../core/accounts/status.ts';
import type { Store } from '../../core/store/store.ts';

const t0 = new Date('2026-01-10T06:00:00Z');
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);

async function person(s: Store, id: string, accounts: Array<[AccountStatus, Date | null]>) {
  await s.subscribers.create({ id, fullName: `Абонент ${id}`, phone: `+7701000000${id.slice(-1)}`, iin: '900101300123', category: 'individual', language: 'ru', notificationsMuted: false, createdAt: days(-2000) });
  for (const [i, [status, closedAt]] of accounts.entries()) {
    await s.accounts.create({
      id: `${id}-a${i}`, number: `20000000${id.slice(-1)}00${i}`, subscriberId: id, status, statusSince: closedAt ?? days(-2000), billingMethod: 'credit',
      address: 'Алматы, ул. Абая 1', region: 'Алматытелеком', planId: 'megaline-plus', services: [], termContractUntil: null, openedAt: days(-2000), closedAt,
    });
  }
}

async function ticketWithMessages(s: Store, subscriberId: string | null, chatKey: string, messageDays: number[]) {
  const ticket = await s.tickets.create({
    id: `t-${chatKey}`, type: 'reference', channel: 'telegram', status: 'open', line: 1, handedOff: false, subscriberId, accountId: null, chatKey, phone: '+77010000009',
    language: 'ru', region: null, service: null, symptom: null, topic: null, result: null, comment: 'звонить после 18:00', assigneeId: null, callbackDueAt: null,
    callbackOutcome: null, firstActionAt: null, escalatedAt: null, resolvedAt: null, closedAt: null, breached: false, createdAt: days(-200), updatedAt: days(-200),
  } as never, { history: { ticketId: `t-${chatKey}`, at: days(-200), from: null, to: 'open', actor: { type: 'system', id: null }, note: null }, sla: null });
  for (const [i, d] of messageDays.entries()) {
    await s.ticketMessages.append({
      id: `${chatKey}-m${i}`, ticketId: ticket.id, direction: 'incoming', sender: 'subscriber', senderId: null, private: false, text: `сообщение ${i}`,
      params: null, createdAt: days(d), delivery: 'none', externalId: null, error: null,
    });
  }
  return ticket;
}

export function retentionContract(open: () => Promise<Store>): void {
  it('seed 003 cl. 26 "kept 3 months": deletes ticket messages older than the cut-off, of tickets no longer worked on, in batches', async () => {
    const s = await open();
    const done = await ticketWithMessages(s, null, 'telegram:1', [-120, -100, -10]);
    const worked = await ticketWithMessages(s, null, 'telegram:2', [-120]);
    await s.tickets.change(done.id, done.version, { patch: { status: 'closed', closedAt: days(-5), updatedAt: days(-5) } });
    expect(await s.retention.deleteTicketMessagesBefore(days(-90), 1)).toBe(1);
    expect(await s.retention.deleteTicketMessagesBefore(days(-90), 10)).toBe(1);
    expect(await s.retention.deleteTicketMessagesBefore(days(-90), 10)).toBe(0);
    expect((await s.ticketMessages.list(done.id)).map((m) => m.text)).toEqual(['сообщение 2']);
    expect((await s.ticketMessages.list(worked.id)).map((m) => m.text)).toEqual(['сообщение 0']);
  });

  it('App. 5 cl. 15: lists subscribers whose every contract ended (closed or archive) before the date, none with debt or credit still open', async () => {
    const s = await open();
    await person(s, 'sub-1', [['closed', days(-1200)], ['archive', days(-1500)]]);
    await person(s, 'sub-2', [['closed', days(-1200)], ['current', null]]);
    await person(s, 'sub-3', [['closed', days(-100)]]);
    await person(s, 'sub-4', [['closed_doubtful_debt', days(-1500)]]);
    await person(s, 'sub-5', [['archive', days(-1300)]]);
    expect(await s.retention.listEndedBefore(days(-1095), 10)).toEqual(['sub-1', 'sub-5']);
    expect(await s.retention.listEndedBefore(days(-1095), 1)).toEqual(['sub-1']);
    expect(await s.retention.listEndedBefore(days(-1095), 10, 'sub-1')).toEqual(['sub-5']);
  });

  it('App. 5 cl. 15: erasing removes name, phone, IIN, address, chat links, the web chat\'s kept messages, the SMS sent to the number, ticket phone, comment and messages, application texts; once', async () => {
    const s = await open();
    await person(s, 'sub-1', [['closed', days(-1200)]]);
    await s.chats.touch('telegram', '1', days(-1300));
    await s.chats.link('telegram:1', { subscriberId: 'sub-1', phone: '+77010000001', linkedAt: days(-1300), expiresAt: days(-1210) });
    const ticket = await ticketWithMessages(s, 'sub-1', 'telegram:1', [-1250]);
    const sms = (id: string, to: string) => ({
      id, to, text: 'Код: ******.', purpose: 'verification' as const, chatKey: 'telegram:1', provider: 'outbox', status: 'sent' as const,
      attempts: 1, lastError: null, providerMessageId: null, createdAt: days(-1300), updatedAt: days(-1300), sentAt: days(-1300),
      expiresAt: null, nextAttemptAt: null,
    });
    await s.smsOutbox.add(sms('sms-1', '+77010000001'));
    await s.smsOutbox.add(sms('sms-2', '+77010000002'));
    await s.chats.touch('webchat', 'visitor-1', days(-1300));
    await s.chats.link('webchat:visitor-1', { subscriberId: 'sub-1', phone: '+77010000001', linkedAt: days(-1300), expiresAt: days(-1210) });
    await s.chats.touch('webchat', 'visitor-2', days(-1300));
    const shown = { id: 'm1', from: 'bot' as const, text: 'Абонент sub-1, баланс', choices: [], menuToken: null, link: null, lang: 'ru' as const, used: false, at: Date.now() };
    await s.webchatMessages.write('visitor-1', [shown], 0, days(-1300));
    await s.webchatMessages.write('visitor-2', [shown], 0, days(-1300));
    await s.retention.erasePersonalData('sub-1');
    expect(await s.webchatMessages.read('visitor-1')).toBeNull();
    expect(await s.webchatMessages.read('visitor-2')).not.toBeNull();
    expect(await s.smsOutbox.get('sms-1')).toBeNull();
    expect(await s.smsOutbox.get('sms-2')).not.toBeNull();
    const sub = await s.subscribers.get('sub-1');
    expect(sub).toMatchObject({ fullName: '', phone: 'erased:sub-1', iin: null });
    expect(await s.subscribers.findByPhone('+77010000001')).toBeNull();
    expect((await s.accounts.get('sub-1-a0'))?.address).toBe('');
    expect((await s.chats.get('telegram:1'))?.subscriberId).toBeNull();
    expect(await s.tickets.get(ticket.id)).toMatchObject({ phone: null, comment: null });
    expect(await s.ticketMessages.list(ticket.id)).toEqual([]);
    expect(await s.retention.listEndedBefore(days(-1095), 10)).toEqual([]);
  });
}
