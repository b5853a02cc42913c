/**
 * What the subscriber reads in Telegram when an agent works their ticket in the console (the whole product, the
 * console driven through its routes, Telegram through a local Bot API server): the agent's reply signed with the
 * agent's first name in the chat's language; a closing message that fits the request (a reference request is not
 * told to report a fault again); a technical ticket closed without a callback only with a reason, which the
 * subscriber is told.
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleEnv } from '../../admin/context.ts';
import { translator } from '../../core/i18n/i18n.ts';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { hashPassword } from '../../core/users/password.ts';
import { Browser, visibleText } from '../admin/console.fixture.ts';
import { startSelfServiceProduct, type SelfServiceProduct } from '../selfservice/product.ts';

const KK_CHAT = 7101;
const RU_CHAT = 7102;
const PASSWORD = 'agent e2e password';

let s: SelfServiceProduct;
let agent: Browser;

beforeAll(async () => {
  s = await startSelfServiceProduct();
  await s.link('telegram', String(KK_CHAT), 'kk');
  await s.link('telegram', String(RU_CHAT), 'ru');
  await s.product.store.users.create({
    id: randomUUID(), email: 'aigul@example.kz', name: 'Айгүл Бекова', passwordHash: await hashPassword(PASSWORD), roles: ['agent'],
    language: 'ru', active: true, failedLogins: 0, lockedUntil: null, createdAt: s.clock.now(),
  });
  agent = new Browser(s.product.app as unknown as Hono<ConsoleEnv>);
  await agent.signIn('aigul@example.kz', PASSWORD);
  await agent.get('/admin/tickets');
});

afterAll(async () => {
  await s?.stop();
});

/** Posts a console form on the ticket page and follows the redirect back to it. */
async function act(ticketId: string, action: string, form: Record<string, string> = {}): Promise<string> {
  await agent.get(`/admin/tickets/${ticketId}`);
  await agent.post(`/admin/tickets/${ticketId}/${action}`, form);
  await agent.get(agent.last.location!);
  return visibleText(agent.last.html);
}

describe('closing messages and signed replies in Telegram', () => {
  it('Should sign the agent\'s reply with their first name in Kazakh, and close a reference request without talk of faults', async () => {
    const kk = translator('kk');
    const { ticket } = await s.product.tickets.startHandoff({ chatKey: `telegram:${KK_CHAT}`, channel: 'telegram', language: 'kk', reason: 'requested' });
    await act(ticket.id, 'reply', { text: 'Сәлеметсіз бе! Шотты қайта жібердім.' });
    const reply = await s.api.waitForMessage(KK_CHAT, /Шотты қайта жібердім/);
    expect(reply.text).toBe('Айгүл (оператор): Сәлеметсіз бе! Шотты қайта жібердім.');

    await act(ticket.id, 'resolve');
    const done = await s.api.waitForMessage(KK_CHAT, new RegExp(`${formatTicketNumber(ticket.number)} өтініміңіз бойынша бәрі орындалды`), { after: reply.message_id });
    expect(done.text).toBe(kk('tickets:notify.resolved_reference', { number: formatTicketNumber(ticket.number) }));
    expect(done.text).not.toContain('Ақау');
  });

  it('Should refuse to close a technical ticket nobody called back without a reason, then tell the subscriber the reason', async () => {
    const ru = translator('ru');
    const ticket = await s.product.tickets.register({
      type: 'technical', channel: 'telegram', language: 'ru', chatKey: `telegram:${RU_CHAT}`, service: 'megaline', symptom: 'slow',
      actor: { type: 'subscriber', id: null },
    });
    await agent.get(`/admin/tickets/${ticket.id}`);
    expect(agent.last.html).toContain('<select name="reason" required="">');
    const refused = await act(ticket.id, 'close');
    expect(refused).toContain(ru('tickets:error.close_reason_required'));
    expect((await s.product.tickets.get(ticket.id))!.status).not.toBe('closed');
    expect(await act(ticket.id, 'close', { reason: 'other' })).toContain(ru('tickets:error.close_comment_required'));

    const before = s.api.messagesTo(RU_CHAT).at(-1)?.message_id ?? 0;
    const page = await act(ticket.id, 'close', { reason: 'subscriber_side' });
    expect(page).toContain(ru('admin:ticket.done.close'));
    expect(page).toContain('Закрыто: Неисправность в оборудовании абонента, а не в сети оператора');
    const told = await s.api.waitForMessage(RU_CHAT, /закрыта/, { after: before });
    expect(told.text).toBe(ru('tickets:notify.closed_subscriber_side', { number: formatTicketNumber(ticket.number) }));
  });

  it('Should close a fault with the agent\'s own words for "other", and say nothing more once a resolved ticket is closed', async () => {
    const ticket = await s.product.tickets.register({
      type: 'technical', channel: 'telegram', language: 'ru', chatKey: `telegram:${RU_CHAT}`, service: 'phone', symptom: 'no_tone',
      actor: { type: 'subscriber', id: null },
    });
    const before = s.api.messagesTo(RU_CHAT).at(-1)?.message_id ?? 0;
    await act(ticket.id, 'close', { reason: 'other', comment: 'линия на ремонте у городских служб' });
    const told = await s.api.waitForMessage(RU_CHAT, /без обратного звонка/, { after: before });
    expect(told.text).toContain('Причина: линия на ремонте у городских служб.');

    const resolvedFirst = await s.product.tickets.register({
      type: 'complaint', channel: 'telegram', language: 'ru', chatKey: `telegram:${RU_CHAT}`, actor: { type: 'subscriber', id: null },
    });
    await act(resolvedFirst.id, 'resolve');
    const resolved = await s.api.waitForMessage(RU_CHAT, /жалоба .* рассмотрена/i, { after: told.message_id });
    await act(resolvedFirst.id, 'close');
    await s.product.conversations.idle();
    expect(s.api.messagesTo(RU_CHAT).filter((m) => m.message_id > resolved.message_id)).toEqual([]);
  });
});
