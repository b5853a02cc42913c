/**
 * Issue 14 item 5: unlinking the number works on every channel — typed `/logout` (a command in Telegram, text in
 * the web chat and WhatsApp) and a main-menu item shown once the chat is verified.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { TELEGRAM_CAPABILITIES } from '../../bot/telegram/render.ts';
import { WEBCHAT_CAPABILITIES } from '../../bot/webchat/webchat-channel.ts';
import { WHATSAPP_CAPABILITIES } from '../../bot/whatsapp/render.ts';
import type { ChannelCapabilities } from '../../bot/engine/types.ts';
import type { ChannelName } from '../../core/chats/model.ts';
import { command, harness, press, text, type Harness } from './harness.ts';

const ru = translator('ru');
const kk = translator('kk');
const texts = (r: { outbound: { text: string }[] }) => r.outbound.map((m) => m.text).join('\n');
const labels = (r: { outbound: { choices?: { label: string }[] }[] }) => (r.outbound.at(-1)?.choices ?? []).map((c) => c.label);

async function linkedChat(channel: ChannelName, capabilities: ChannelCapabilities, language: 'kk' | 'ru'): Promise<Harness> {
  const h = await harness({ channel, capabilities, language });
  const now = h.clock.now();
  await h.store.subscribers.create({ id: 'sub-1', fullName: 'Ерлан Сапаров', phone: '+77017770011', iin: null, category: 'individual', language, notificationsMuted: false, createdAt: now });
  await h.store.chats.link(h.chatKey, { subscriberId: 'sub-1', phone: '+77017770011', linkedAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
  return h;
}

describe.each([
  ['telegram', TELEGRAM_CAPABILITIES], ['whatsapp', WHATSAPP_CAPABILITIES], ['webchat', WEBCHAT_CAPABILITIES],
] as [ChannelName, ChannelCapabilities][])('unlinking the number in %s', (channel, capabilities) => {
  it('Should list "Unlink the chat" in the menu of a verified chat, and unlink it when pressed', async () => {
    const h = await linkedChat(channel, capabilities, 'ru');
    const menu = await h.step(command('menu'));
    expect(labels(menu)).toContain(ru('bot:menu.logout'));
    const item = menu.outbound.at(-1)!.choices!.find((c) => c.id === 'logout')!;
    const r = await h.step(press(item.id, menu.outbound.at(-1)!.menuToken!));
    expect(texts(r)).toContain(ru('bot:logout.done'));
    expect((await h.store.chats.get(h.chatKey))!.subscriberId).toBeNull();
    expect(labels(r)).not.toContain(ru('bot:menu.logout'));
    expect(labels(r)).toContain(ru('bot:menu.verify'));
  });

  it('Should unlink on /logout typed as text, in Kazakh too', async () => {
    const h = await linkedChat(channel, capabilities, 'kk');
    const r = await h.step(text('/logout'));
    expect(texts(r)).toContain(kk('bot:logout.done'));
    expect((await h.store.chats.get(h.chatKey))!.subscriberId).toBeNull();
  });

  it('Should not offer the item to a chat that is not verified', async () => {
    const h = await harness({ channel, capabilities, language: 'ru' });
    expect(labels(await h.step(command('menu')))).not.toContain(ru('bot:menu.logout'));
  });
});
