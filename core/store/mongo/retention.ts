/** @module MongoDB repository of the retention jobs (mirrors sqlite/retention.ts); erasing is one transaction. */
import type { Connection } from 'mongoose';
import type { RetentionRepository } from '../../retention/repository.ts';
import { modelFor } from './collection.ts';
import { inTransaction } from './connection.ts';
import { accountsSpec, chatsSpec, subscribersSpec } from './people.ts';
import { messagesSpec, ticketsSpec } from './tickets.ts';
import { applicationsSpec } from './applications.ts';
import { smsSpec } from './verification.ts';
import { webchatMessagesSpec } from './webchat.ts';

type IdDoc = { _id: string };
type PhoneDoc = IdDoc & { phone: string };

export function mongoRetention(conn: Connection): RetentionRepository {
  const Subscribers = modelFor<PhoneDoc>(conn, subscribersSpec);
  const Sms = modelFor<IdDoc & { to: string }>(conn, smsSpec);
  const Accounts = modelFor<IdDoc & { subscriberId: string }>(conn, accountsSpec);
  const Chats = modelFor<IdDoc>(conn, chatsSpec);
  const Tickets = modelFor<IdDoc>(conn, ticketsSpec);
  const Messages = modelFor<IdDoc & { ticketId: string }>(conn, messagesSpec);
  const Applications = modelFor<IdDoc>(conn, applicationsSpec);
  const WebChatMessages = modelFor<IdDoc>(conn, webchatMessagesSpec);
  return {
    async deleteTicketMessagesBefore(before, limit) {
      // Messages of tickets still worked on stay: their tickets are few (the active ones), so they are excluded by id.
      const active = (await Tickets.find({ status: { $nin: ['resolved', 'closed'] } }, { _id: 1 }).lean<IdDoc[]>()).map((t) => t._id);
      const ids = (await Messages.find({ createdAt: { $lt: before }, ticketId: { $nin: active } }, { _id: 1 }).sort({ seq: 1 }).limit(limit).lean<IdDoc[]>()).map((m) => m._id);
      if (ids.length === 0) return 0;
      return (await Messages.deleteMany({ _id: { $in: ids } })).deletedCount;
    },
    async listEndedBefore(endedBefore, limit, afterId = '') {
      const live = await Accounts.distinct('subscriberId', {
        $or: [{ status: { $nin: ['closed', 'archive'] } }, { closedAt: { $gte: endedBefore } }, { closedAt: null, statusSince: { $gte: endedBefore } }],
      });
      const ended = await Accounts.distinct('subscriberId', { subscriberId: { $gt: afterId, $nin: live } });
      if (ended.length === 0) return [];
      const rows = await Subscribers.find({ _id: { $in: ended }, phone: { $not: /^erased:/ } }, { _id: 1 }).sort({ _id: 1 }).limit(limit).lean<IdDoc[]>();
      return rows.map((r) => r._id);
    },
    async erasePersonalData(subscriberId) {
      await inTransaction(conn, async (session) => {
        // First, while the subscriber's number is still on record: the SMS sent to it (codes are masked, the number is not).
        const subscriber = await Subscribers.findOne({ _id: subscriberId }, { phone: 1 }, { session }).lean<PhoneDoc | null>();
        if (subscriber) await Sms.deleteMany({ to: subscriber.phone }, { session });
        await Subscribers.updateOne({ _id: subscriberId }, { $set: { fullName: '', nameKey: '', phone: `erased:${subscriberId}`, iin: null } }, { session });
        await Accounts.updateMany({ subscriberId }, { $set: { address: '' } }, { session });
        // Before the chats are unlinked: the messages their web chats keep for reloads (names, balances shown).
        const webchats = (await Chats.find({ subscriberId, channel: 'webchat' }, { externalId: 1 }, { session }).lean<Array<{ externalId: string }>>()).map((c) => c.externalId);
        await WebChatMessages.deleteMany({ _id: { $in: webchats } }, { session });
        await Chats.updateMany({ subscriberId }, { $set: { subscriberId: null, linkedAt: null, linkExpiresAt: null, linkedPhone: null } }, { session });
        const tickets = (await Tickets.find({ subscriberId }, { _id: 1 }, { session }).lean<IdDoc[]>()).map((t) => t._id);
        await Messages.deleteMany({ ticketId: { $in: tickets } }, { session });
        await Tickets.updateMany({ subscriberId }, { $set: { phone: null, comment: null } }, { session });
        await Applications.updateMany({ subscriberId }, { $set: { phone: '', quote: '', payload: {} } }, { session });
      });
    },
  };
}
