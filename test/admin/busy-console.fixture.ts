/**
 * @module A console after a working day: demo subscribers, staff of every role, tickets in every state (handed off,
 * replied, escalated, called back, rated, breached and escalated to supervisors, resolved, closed), users created
 * and changed through the console, the SLA settings saved, and the audit entries the other modules write (chat
 * links, signed applications, payments, WhatsApp). For tests that look at every page.
 */
import { randomUUID } from 'node:crypto';
import { formatTicketNumber, type Ticket } from '../../core/tickets/index.ts';
import type { ConsoleUser } from '../../core/users/model.ts';
import { consoleFixture, type Browser, type ConsoleFixture } from './console.fixture.ts';

export interface BusyConsole {
  f: ConsoleFixture;
  admin: ConsoleUser;
  agent: ConsoleUser;
  supervisor: ConsoleUser;
  secondLine: ConsoleUser;
  /** Signed in as the administrator. */
  b: Browser;
  tickets: Record<'handoff' | 'technical' | 'breached' | 'closed' | 'duplicate', Ticket>;
}

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

export async function busyConsole(): Promise<BusyConsole> {
  const f = await consoleFixture({}, { SLA_CLOCK: 'calendar', SLA_CALLBACK_MINUTES: '30' }, { demo: true });
  const admin = await f.user(['admin'], 'admin@example.kz');
  const agent = await f.user(['agent'], 'aigul@example.kz');
  await f.store.users.update(agent.id, { name: 'Айгүл Бекова' });
  const supervisor = await f.user(['supervisor'], 'supervisor@example.kz');
  const secondLine = await f.user(['second_line'], 'second@example.kz');
  await f.store.users.update(secondLine.id, { name: 'Ерлан Техник' });
  await f.store.users.update(supervisor.id, { name: 'Гүлнар Супервайзер' });
  const [subscriber] = await Promise.all([f.store.subscribers.findByPhone('+77011234567')]);
  const accounts = subscriber ? await f.store.accounts.listBySubscriber(subscriber.id) : [];
  const as = (u: ConsoleUser) => ({ type: 'user' as const, id: u.id });

  // A chat handed to a person: the agent takes it, replies, notes, files it, resolves and hands it back.
  const { ticket: handoff } = await f.tickets.startHandoff({
    chatKey: 'webchat:busy-1', channel: 'webchat', language: 'ru', subscriberId: subscriber?.id ?? null, reason: 'requested',
  });
  await f.tickets.addSubscriberMessage(handoff.id, 'Здравствуйте, не приходит счёт');
  await f.tickets.take(handoff.id, as(agent));
  await f.tickets.reply(handoff.id, 'Добрый день! Проверяю.', as(agent));
  await f.tickets.addNote(handoff.id, 'Счёт ушёл на старую почту', as(agent));
  await f.tickets.setDetails(handoff.id, { topic: 'Счёт', result: 'Отправлен повторно' }, as(agent));
  await f.tickets.endHandoff(handoff.id, as(agent));

  // A fault escalated at once; the second line calls back and cannot reach the subscriber; a supervisor rates it.
  const technical = await f.ticket({ chatKey: 'telegram:busy-2', subscriberId: subscriber?.id ?? null, accountId: accounts[0]?.id ?? null });
  await f.tickets.recordCallback(technical.id, 'not_reached', as(secondLine), 'Не берёт трубку');
  await f.tickets.rate(technical.id, { politeness: 5, accuracy: 4, registration: 5, timeliness: 3, resolution: 4 }, as(supervisor), 'Хорошо');

  // A fault nobody called back in time: breached, escalated to the supervisors, acknowledged.
  const breached = await f.ticket({ chatKey: 'whatsapp:77017654321@c.us', channel: 'whatsapp', phone: '+77017654321' });
  f.clock.set(minutes(f.clock.now(), 31));
  await f.scheduler.tick();
  const [escalation] = await f.store.escalations.forTicket(breached.id);
  if (escalation) await f.tickets.acknowledgeEscalation(escalation.id, as(supervisor));

  // A reference request closed for good.
  const closed = await f.ticket({ type: 'reference', chatKey: 'webchat:busy-4', service: null, symptom: null });
  await f.tickets.take(closed.id, as(agent));
  await f.tickets.assign(closed.id, supervisor.id, as(admin));
  await f.tickets.close(closed.id, as(agent));

  // A duplicate fault closed without a callback, with its reason.
  const duplicate = await f.ticket({ chatKey: 'telegram:busy-2', subscriberId: subscriber?.id ?? null });
  await f.tickets.close(duplicate.id, as(agent), { reason: 'duplicate' });

  // Users managed through the console, and the SLA settings saved.
  const b = f.browser();
  await b.signIn(admin.email);
  await b.get('/admin/users/new');
  await b.post('/admin/users', { name: 'Новый Оператор', email: 'new@example.kz', language: 'kk', roles: ['agent'] });
  const created = await f.store.users.findByEmail('new@example.kz');
  if (created) {
    await b.post(`/admin/users/${created.id}/roles`, { roles: ['agent', 'second_line'] });
    await b.post(`/admin/users/${created.id}/active`, { active: 'false' });
    await b.post(`/admin/users/${created.id}/active`, { active: 'true' });
    await b.post(`/admin/users/${created.id}/password`);
  }
  await b.get('/admin/settings/sla');
  await b.post('/admin/settings/sla', {
    callbackMinutes: '30', clock: 'calendar', escalateAfterMinutes: '0', weekdayOpen: '09:00', weekdayClose: '21:00',
    weekendOpen: '10:00', weekendClose: '19:00', holidays: '2026-03-23 Наурыз мейрамы',
  });

  // What other modules write to the audit log, the way they write it.
  const entry = (action: string, entity: string, entityId: string | null, details: Record<string, unknown>, actorType: 'system' | 'subscriber' = 'system') =>
    f.store.audit.append({ id: randomUUID(), at: f.clock.now(), actorType, actorId: actorType === 'subscriber' ? (subscriber?.id ?? null) : null, action, entity, entityId, details });
  const inAnHour = minutes(f.clock.now(), 60).toISOString();
  await entry('chat.linked', 'chat', 'telegram:busy-2', { challengeId: randomUUID(), expiresAt: inAnHour }, 'subscriber');
  await entry('chat.unlinked', 'chat', 'telegram:busy-2', {}, 'subscriber');
  await entry('chat.link_expired', 'chat', 'webchat:busy-1', { subscriberId: subscriber?.id ?? null });
  await entry('application.signed', 'application', randomUUID(), { kind: 'plan_change', channel: 'telegram' }, 'subscriber');
  await entry('payment.paid', 'payment', randomUUID(), { provider: 'test', amountTiyn: 1234500, accountNumber: accounts[0]?.number ?? '000000000001' });
  await entry('payment.registration_refused', 'payment', randomUUID(), { provider: 'test', reason: 'rules:payment.unknownAccount' });
  await entry('payment.callback_rejected', 'payment', null, { provider: 'freedompay', why: 'bad_signature', gatewayPaymentId: '123456', amountTiyn: 500000, currency: 'KZT' });
  await entry('whatsapp.connected', 'channel', 'whatsapp', { phone: '+77770001122' });
  await entry('whatsapp.failed', 'channel', 'whatsapp', { problem: 'browser', detail: 'Failed to launch the browser process', retryAt: inAnHour });
  await entry('whatsapp.disconnected', 'channel', 'whatsapp', { reason: 'NAVIGATION', retryAt: inAnHour });
  await entry('whatsapp.relinked', 'channel', 'whatsapp', { from: 'ready' });
  await entry('whatsapp.logged_out', 'channel', 'whatsapp', { phone: '+77770001122' });
  await entry('user.locked', 'user', agent.id, { failures: 5, until: inAnHour });
  await f.store.smsOutbox.add({
    id: randomUUID(), to: '+77011234567', text: 'Код: 123456. Никому его не сообщайте.', purpose: 'verify', chatKey: 'telegram:busy-2',
    provider: 'outbox', status: 'sent', attempts: 1, lastError: null, providerMessageId: null, createdAt: f.clock.now(),
    updatedAt: f.clock.now(), sentAt: f.clock.now(), expiresAt: null, nextAttemptAt: null,
  });

  const fresh = async (t: Ticket) => (await f.tickets.get(t.id))!;
  const user = async (u: ConsoleUser) => (await f.store.users.get(u.id))!;
  return {
    f, admin, agent: await user(agent), supervisor: await user(supervisor), secondLine: await user(secondLine), b,
    tickets: { handoff: await fresh(handoff), technical: await fresh(technical), breached: await fresh(breached), closed: await fresh(closed), duplicate: await fresh(duplicate) },
  };
}

/** Every page an administrator can open in the busy console (paths with query strings). */
export async function everyPage({ f, tickets }: BusyConsole): Promise<string[]> {
  const users = await f.store.users.list();
  return [
    '/admin/tickets', '/admin/tickets?queue=mine', '/admin/tickets?queue=unassigned', '/admin/tickets?queue=second_line',
    '/admin/tickets?queue=breached', '/admin/tickets?queue=all', '/admin/tickets?queue=all&status=closed',
    `/admin/tickets?queue=all&q=${encodeURIComponent(formatTicketNumber(tickets.technical.number))}`,
    ...Object.values(tickets).map((t) => `/admin/tickets/${t.id}`),
    '/admin/users', '/admin/users/new', ...users.map((u) => `/admin/users/${u.id}`),
    '/admin/audit', '/admin/audit?entity=ticket', '/admin/audit?entity=user',
    '/admin/sms', '/admin/channels', '/admin/settings/sla', '/admin/account',
  ];
}
