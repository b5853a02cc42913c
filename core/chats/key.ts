/**
 * @module The chat key, `channel:externalId` (e.g. `telegram:42`): the one place it is written and read. Every
 * chat, dialog session, ticket and log line names its chat by this key.
 */
import type { ChannelName } from './model.ts';

/**
 * The key of a chat on a channel.
 * @example chatKey('webchat', 'a1b2') // 'webchat:a1b2'
 */
export const chatKey = (channel: ChannelName, externalId: string): string => `${channel}:${externalId}`;

/**
 * Splits a chat key into its channel and external id (the external id may itself hold colons).
 * @example parseChatKey('telegram:42') // { channel: 'telegram', externalId: '42' }
 */
export function parseChatKey(key: string): { channel: ChannelName; externalId: string } {
  const at = key.indexOf(':');
  if (at < 0) return { channel: key as ChannelName, externalId: '' };
  return { channel: key.slice(0, at) as ChannelName, externalId: key.slice(at + 1) };
}
