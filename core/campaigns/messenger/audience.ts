/**
 * @module Who a messenger survey goes to: each contact of the campaign who is a subscriber with a linked Telegram or
 * WhatsApp chat (verified, link not expired), has not muted notifications and has not said "stop" to surveys — one
 * delivery record each, in the chat linked last. Web-chat visitors are never pushed to (no open page to reach).
 * Seeding is idempotent (records by `campaignId:contactId`), so a dispatcher that died mid-way seeds again safely.
 */
import type { CampaignDeps } from '../deps.ts';
import { SURVEY_CHANNELS, type Contact, type SurveyChannel, type SurveyDelivery } from '../model.ts';

type Deps = Pick<CampaignDeps, 'contacts' | 'deliveries' | 'optOuts' | 'chats' | 'subscribers' | 'clock'>;

const PAGE = 500;
const isSurveyChannel = (c: string): c is SurveyChannel => (SURVEY_CHANNELS as readonly string[]).includes(c);

/** Creates the delivery records not there yet; returns how many were added. */
export async function seedDeliveries(deps: Deps, campaignId: string): Promise<number> {
  let cursor: string | null = null;
  let added = 0;
  do {
    const page: { items: Contact[]; nextCursor: string | null } = await deps.contacts.list({ campaignId, cursor, limit: PAGE });
    cursor = page.nextCursor;
    const candidates = page.items.filter((c) => c.subscriberId && c.state !== 'excluded');
    const optedOut = await deps.optOuts.among(candidates.map((c) => c.subscriberId!));
    const records: SurveyDelivery[] = [];
    const now = deps.clock.now();
    for (const contact of candidates) {
      const subscriberId = contact.subscriberId!;
      if (optedOut.has(subscriberId)) continue;
      const subscriber = await deps.subscribers.get(subscriberId);
      if (!subscriber || subscriber.notificationsMuted) continue;
      const chat = (await deps.chats.listBySubscriber(subscriberId))
        .filter((c) => isSurveyChannel(c.channel) && (!c.linkExpiresAt || c.linkExpiresAt > now))
        .sort((a, b) => (b.linkedAt?.getTime() ?? 0) - (a.linkedAt?.getTime() ?? 0))[0];
      if (!chat) continue;
      records.push({
        id: `${campaignId}:${contact.id}`, campaignId, contactId: contact.id, subscriberId, chatKey: chat.key,
        channel: chat.channel as SurveyChannel, state: 'pending', dueAt: now, attempts: 0, questionId: null, messageId: null,
        error: null, sentAt: null, answeredAt: null, createdAt: now, updatedAt: now,
      });
    }
    if (records.length) added += await deps.deliveries.seed(records);
  } while (cursor);
  return added;
}

/** Why this subscriber must not get a survey now (muted, opted out), or null. */
export async function holdBack(deps: Pick<CampaignDeps, 'subscribers' | 'optOuts'>, subscriberId: string): Promise<'muted' | 'opted_out' | null> {
  if (await deps.optOuts.get(subscriberId)) return 'opted_out';
  const subscriber = await deps.subscribers.get(subscriberId);
  return !subscriber || subscriber.notificationsMuted ? 'muted' : null;
}
