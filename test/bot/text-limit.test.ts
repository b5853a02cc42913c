/**
 * Nothing a subscriber types is cut silently (issue 14 item 7): the bot says how long a message may be and acts on
 * none of it; a person who has the chat gets a long message whole, in parts; texts over a channel's limit are split.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { MAX_TYPED_TEXT, splitText, TELEGRAM_TEXT_MAX } from '../../bot/engine/text-limit.ts';
import { command, harness, text } from './harness.ts';

const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');

describe('a message over the limit', () => {
  it.each(['kk', 'ru'] as const)('Should tell a %s subscriber its length and the limit, act on none of it, and ask again', async (lang) => {
    const h = await harness({ language: lang });
    await h.step(command('menu'));
    const long = `${'0'.repeat(1200)} 5000`;
    const r = await h.step(text(long));
    expect(texts(r)).toContain(translator(lang)('bot:too_long.reply', { length: long.length, max: MAX_TYPED_TEXT }));
    expect(texts(r)).toMatch(lang === 'ru' ? /1205 символов, а я читаю до 1000/ : /1205 таңба, ал мен 1000 таңбаға дейін/);
    expect(h.state?.dialog).toBe('menu');
    expect(r.outbound.at(-1)?.choices?.length).toBeGreaterThan(3);
    expect(await h.store.tickets.countActive()).toBe(0);
  });

  it('Should give a person who has the chat a long message whole, in parts of at most 4000 characters', async () => {
    const h = await harness({ channel: 'telegram', language: 'ru' });
    await h.step(command('operator'));
    const long = Array.from({ length: 900 }, (_, i) => `слово${i}`).join(' ');
    expect(long.length).toBeGreaterThan(4096);
    await h.step(text(long));
    const ticket = (await h.services.tickets.activeForChat(h.chatKey))!;
    const incoming = (await h.services.tickets.view(ticket.id))!.messages.filter((m) => m.direction === 'incoming').map((m) => m.text);
    expect(incoming.length).toBe(2);
    expect(incoming.every((part) => part.length <= 4000)).toBe(true);
    expect(incoming.join(' ')).toBe(long);
  });
});

describe('splitting a text', () => {
  it('Should split at word boundaries and give the whole text back', () => {
    const long = 'Абонент жалуется на скорость. '.repeat(300);
    const parts = splitText(long, TELEGRAM_TEXT_MAX);
    expect(parts.length).toBe(3);
    expect(parts.every((p) => p.length <= TELEGRAM_TEXT_MAX)).toBe(true);
    expect(parts.join(' ').trimEnd()).toBe(long.trimEnd());
  });

  it('Should cut a text without spaces at the limit, losing nothing', () => {
    const parts = splitText('x'.repeat(9000), 4096);
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 808]);
  });

  it('Should keep a short text as it is', () => {
    expect(splitText('Баланс', 4096)).toEqual(['Баланс']);
  });
});
