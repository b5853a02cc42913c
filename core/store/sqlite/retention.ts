/** @module SQLite repository of the retention jobs (core/retention): old ticket messages, personal data past its time. */
import type { RetentionRepository } from '../../retention/repository.ts';
import { ms, type Db } from './database.ts';

export function sqliteRetention(db: Db): RetentionRepository {
  const deleteMessages = db.prepare(`DELETE FROM ticket_messages WHERE seq IN (
      SELECT m.seq FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
      WHERE m.created_at < ? AND t.status IN ('resolved', 'closed') ORDER BY m.seq LIMIT ?)`);
  const ended = db.prepare(`SELECT s.id FROM subscribers s
    WHERE s.id > @after AND s.phone NOT LIKE 'erased:%'
      AND EXISTS (SELECT 1 FROM accounts a WHERE a.subscriber_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.subscriber_id = s.id
        AND (a.status NOT IN ('closed', 'archive') OR COALESCE(a.closed_at, a.status_since) >= @before))
    ORDER BY s.id LIMIT @limit`);
  const steps = [
    // First, while the subscriber's number is still on record: the SMS sent to it (codes are masked, the number is not).
    db.prepare(`DELETE FROM sms_messages WHERE recipient = (SELECT phone FROM subscribers WHERE id = ?)`),
    db.prepare(`UPDATE subscribers SET full_name = '', name_key = '', phone = 'erased:' || id, iin = NULL WHERE id = ?`),
    db.prepare(`UPDATE accounts SET address = '' WHERE subscriber_id = ?`),
    // Before the chats are unlinked: the messages their web chats keep for reloads (names, balances shown).
    db.prepare(`DELETE FROM webchat_messages WHERE external_id IN (SELECT external_id FROM chats WHERE subscriber_id = ? AND channel = 'webchat')`),
    db.prepare(`UPDATE chats SET subscriber_id = NULL, linked_at = NULL, link_expires_at = NULL, linked_phone = NULL WHERE subscriber_id = ?`),
    db.prepare(`DELETE FROM ticket_messages WHERE ticket_id IN (SELECT id FROM tickets WHERE subscriber_id = ?)`),
    db.prepare(`UPDATE tickets SET phone = NULL, comment = NULL WHERE subscriber_id = ?`),
    db.prepare(`UPDATE applications SET phone = '', quote = '', payload = '{}' WHERE subscriber_id = ?`),
  ];
  const erase = db.transaction((id: string) => {
    for (const step of steps) step.run(id);
  });
  return {
    async deleteTicketMessagesBefore(before, limit) {
      return deleteMessages.run(ms(before), limit).changes;
    },
    async listEndedBefore(endedBefore, limit, afterId = '') {
      return (ended.all({ after: afterId, before: ms(endedBefore), limit }) as Array<{ id: string }>).map((r) => r.id);
    },
    async erasePersonalData(subscriberId) {
      erase(subscriberId);
    },
  };
}
