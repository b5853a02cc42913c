/**
 * @module The WhatsApp channel: sends engine deliveries as plain texts with numbered choices through the connected
 * whatsapp-web.js client, paced, and returns the message ids. Refuses with `ChannelSendError` while not connected.
 */
import { ChannelSendError } from '../../core/errors.ts';
import type { Channel, Inbound } from '../engine/channel.ts';
import type { Delivery } from '../engine/types.ts';
import { OutgoingPace } from './pace.ts';
import { renderText, WHATSAPP_CAPABILITIES } from './render.ts';
import { toInbound } from './to-inbound.ts';
import type { WaClient, WaMessage } from './wire.ts';

export class WhatsAppChannel implements Channel {
  readonly name = 'whatsapp' as const;
  readonly capabilities = WHATSAPP_CAPABILITIES;

  /** `clientOf` returns the client while it is ready, else null. */
  constructor(
    private readonly clientOf: () => WaClient | null,
    private readonly pace = new OutgoingPace(),
  ) {}

  toInbound(raw: unknown): Inbound | null {
    return toInbound(raw as WaMessage);
  }

  async send(chatId: string, messages: Delivery[]): Promise<string[]> {
    const ids: string[] = [];
    for (const message of messages) {
      await this.pace.take(chatId);
      const client = this.clientOf();
      if (!client) throw new ChannelSendError('WhatsApp is not connected', 'whatsapp', null, { status: 503 });
      try {
        // linkPreview off: previews fetch the page from WhatsApp's side and delay the message.
        const sent = await client.sendMessage(chatId, renderText(message), { linkPreview: false, parseVCards: false });
        ids.push(sent?.id?._serialized ?? '');
      } catch (err) {
        throw new ChannelSendError(err instanceof Error ? err.message : String(err), 'whatsapp', null, { cause: err });
      }
    }
    return ids;
  }
}
