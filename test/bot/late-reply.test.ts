/**
 * Issue 14 item 4: a subscriber answering an agent who wrote after handing the chat back to the bot. Within
 * AGENT_REPLY_WINDOW_MINUTES (30 by default) of the agent's message the answer goes to that ticket, with a line the
 * console shows live; later the subscriber is told the agent will not see it.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { WEBCHAT_CAPABILITIES } from '../../bot/webchat/webchat-channel.ts';
import { command, harness, text, type Harness } from './harness.ts';

const ru = translator('ru');
const kk = translator('kk');
const agent = { type: 'user' as const, id: 'agent-1' };
const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');
const minutes = (h: Harness, n: number) => h.clock.set(new Date(h.clock.now().getTime() + n * 60_000));

/** A hand-off the agent answered, then ended, then wrote once more ("Did the reboot help?"). */
async function agentWroteAfterEnding(options: { language?: 'kk' | 'ru'; env?: Record<string, string> } = {}) {
  const h = await harness({ channel: 'webchat', capabilities: WEBCHAT_CAPABILITIES, language: options.language ?? 'ru', ...(options.env ? { env: options.env } : {}) });
  await h.step(command('operator'));
  const ticket = (await h.services.tickets.handedOffTicket(h.chatKey))!;
  await h.services.tickets.reply(ticket.id, 'Перезагрузите роутер, пожалуйста', agent, 'Айгүл');
  await h.services.tickets.endHandoff(ticket.id, agent);
  minutes(h, 2);
  await h.services.tickets.reply(ticket.id, 'Помогла перезагрузка?', agent, 'Айгүл');
  return { h, ticket };
}

async function incoming(h: Harness, ticketId: string): Promise<string[]> {
  return (await h.services.tickets.view(ticketId))!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text);
}

describe('answers to an agent after the hand-off ended', () => {
  it('Should file an answer typed 10 minutes after the agent\'s message into that ticket, tell the agent live, and say so', async () => {
    const { h, ticket } = await agentWroteAfterEnding();
    const seen: string[] = [];
    h.services.tickets.deps.events.on('ticket.message_created', ({ message }) => void seen.push(message.text));
    minutes(h, 10);
    const r = await h.step(text('Да, помогло, спасибо'));
    expect(texts(r)).toBe(ru('tickets:late_reply.passed', { number: 'T-000001' }));
    expect(await incoming(h, ticket.id)).toEqual(['Да, помогло, спасибо']);
    expect(seen).toEqual(['Да, помогло, спасибо', 'tickets:activity.late_reply']);
    expect(h.state!.misses).toBe(0);
  });

  it('Should tell the subscriber, 31 minutes later, that the agent will not see it, and keep it out of the ticket', async () => {
    const { h, ticket } = await agentWroteAfterEnding({ language: 'kk' });
    minutes(h, 31);
    const r = await h.step(text('Иә, рахмет'));
    expect(texts(r)).toContain(kk('tickets:late_reply.too_late', { number: 'T-000001' }));
    expect(r.outbound.at(-1)!.choices!.length).toBeGreaterThan(3); // the menu, with "talk to a person"
    expect(await incoming(h, ticket.id)).toEqual([]);
  });

  it('Should follow AGENT_REPLY_WINDOW_MINUTES', async () => {
    const { h, ticket } = await agentWroteAfterEnding({ env: { AGENT_REPLY_WINDOW_MINUTES: '5' } });
    minutes(h, 6);
    const r = await h.step(text('Да'));
    expect(texts(r)).toContain(ru('tickets:late_reply.too_late', { number: 'T-000001' }));
    expect(await incoming(h, ticket.id)).toEqual([]);
  });

  it('Should leave menu choices, commands and a journey\'s own questions to the bot', async () => {
    const { h, ticket } = await agentWroteAfterEnding();
    minutes(h, 1);
    await h.step(command('menu'));
    const r = await h.step(text('1')); // "verify", the first item of an unverified chat
    expect(texts(r)).toContain(ru('bot:verify.askPhone'));
    await h.step(text('+7 701 000 00 00'));
    expect(await incoming(h, ticket.id)).toEqual([]);
  });
});
