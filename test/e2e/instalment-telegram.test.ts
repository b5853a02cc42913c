/**
 * Seed 001 status 6 end to end: the subscriber requests an instalment agreement in Telegram (signed with a code), an
 * agent concludes it in the console with a schedule, the account returns to current and the subscriber reads the
 * schedule in the chat, in the chat's language. Until then the bot promises nothing.
 */
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleEnv } from '../../admin/context.ts';
import { Browser, visibleText } from '../admin/console.fixture.ts';
import { ACCOUNTS } from '../selfservice/fixtures.ts';
import { startSelfServiceProduct, type SelfServiceProduct } from '../selfservice/product.ts';

const CHAT = 7101;
let s: SelfServiceProduct;

afterEach(async () => s?.stop());

async function request() {
  await s.link('telegram', String(CHAT), 'ru');
  const start = s.api.lastMessageId;
  await s.api.userSays(CHAT, '/menu');
  await s.api.waitForMessage(CHAT, /Главное меню/, { after: start });
  const menu = s.api.lastMessageId;
  await s.api.userPresses(CHAT, /Сменить тариф/, menu);
  const picker = await s.api.waitForMessage(CHAT, /лицевом счёте/, { after: menu - 1 });
  await s.api.waitFor(() => (picker.reply_markup?.inline_keyboard ?? []).flat().some((b) => b.text.includes(ACCOUNTS.overdue)), 'the account picker');
  await s.api.userPresses(CHAT, new RegExp(ACCOUNTS.overdue), picker.message_id);
  await s.api.waitForMessage(CHAT, /Сменить тариф сейчас нельзя/);
  await s.api.userPresses(CHAT, 'Оформить рассрочку');
  await s.api.waitForMessage(CHAT, /Заявка на рассрочку по лицевому счёту/);
  await s.api.userPresses(CHAT, /Подписать кодом из SMS/);
  await s.api.waitForMessage(CHAT, /мы отправили код/);
  await s.api.userSays(CHAT, await s.latestCode());
  return s.api.waitForMessage(CHAT, /Заявка на рассрочку принята/);
}

async function agent() {
  const b = new Browser(s.product.app as unknown as Hono<ConsoleEnv>);
  await b.signIn('admin@example.kz', 'e2e-admin-password');
  return b;
}

describe('seed 001 status 6: instalment agreement concluded in the console, told in the chat', () => {
  beforeEach(async () => {
    s = await startSelfServiceProduct();
  });

  it('seed 001 status 6 "or an instalment agreement is signed; the status then returns to current": the schedule reaches the chat in Russian', async () => {
    const accepted = await request();
    expect(accepted.text).not.toMatch(/3 час|восстанов/); // cl. 31(13) is promised only once concluded
    const ticket = (await s.product.tickets.getByNumber(1))!;
    const b = await agent();
    await b.get(`/admin/tickets/${ticket.id}`);
    expect(visibleText(b.last.html)).toContain('Открыть заявку на рассрочку');
    await b.get(`/admin/tickets/${ticket.id}/instalment?parts=2`);
    expect(b.last.status).toBe(200);
    const text = visibleText(b.last.html);
    expect(text).toContain('Долг к рассрочке сейчас 7 481,60 ₸');
    const agreement = /name="agreement" value="([^"]+)"/.exec(b.last.html)![1]!;
    // Today is Fri 10 April 2026: the draft's parts fall on 27 April (the 25th is a Saturday) and 25 May.
    expect(b.last.html).toContain('value="2026-04-27"');
    expect(b.last.html).toContain('value="2026-05-25"');
    const before = s.api.lastMessageId;
    await b.post(`/admin/tickets/${ticket.id}/instalment`, { agreement, date1: '2026-04-27', amount1: '3740,80', date2: '2026-05-25', amount2: '3 740,80' });
    expect(b.last.status).toBe(303);
    const told = await s.api.waitForMessage(CHAT, /Соглашение о рассрочке по лицевому счёту № 100000000002 заключено/, { after: before });
    expect(told.text).toContain('• до 27 апреля 2026 г. — 3\u00a0740,80\u00a0₸');
    expect(told.text).toContain('• до 25 мая 2026 г. — 3\u00a0740,80\u00a0₸');
    expect(told.text).toContain('счёт снова станет просроченным');
    expect(told.text).not.toContain('Доступ к услугам восстановим'); // overdue, not disconnected: nothing to restore
    expect((await s.product.store.accounts.findByNumber(ACCOUNTS.overdue))?.status).toBe('current');
    const [entry] = await s.product.store.audit.list({ action: 'instalment.concluded' });
    expect(entry).toMatchObject({ actorType: 'user', details: { ticketId: ticket.id, parts: 2 } });
  });
});
