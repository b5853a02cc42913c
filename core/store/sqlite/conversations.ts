/** @module SQLite repositories for the conversation log of every chat and for escalations to supervisors. */
import type { ConversationMessage } from '../../conversations/model.ts';
import type { Escalation } from '../../sla/model.ts';
import type { ConversationMessageRepository } from '../../conversations/repository.ts';
import type { EscalationRepository } from '../../sla/repository.ts';
import { date, dateOrNull, ms, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toMessage = (r: Row): ConversationMessage => ({
  id: r.id as string,
  chatKey: r.chat_key as string,
  direction: r.direction as ConversationMessage['direction'],
  text: r.text as string,
  at: date(r.at as number),
});

export function sqliteConversationMessages(db: Db): ConversationMessageRepository {
  const insert = db.prepare('INSERT INTO conversation_messages (id, chat_key, direction, text, at) VALUES (?, ?, ?, ?, ?)');
  // Newest `limit` inside the window, then turned oldest first.
  const window = db.prepare(`SELECT * FROM conversation_messages WHERE chat_key = ? AND at >= ? AND at <= ?
    ORDER BY at DESC, seq DESC LIMIT ?`);
  const removeOne = db.prepare('DELETE FROM conversation_messages WHERE id = ?');
  const purge = db.prepare(`DELETE FROM conversation_messages WHERE seq IN
    (SELECT seq FROM conversation_messages WHERE at < ? ORDER BY at LIMIT ?)`);
  return {
    async append(m) {
      insert.run(m.id, m.chatKey, m.direction, m.text, ms(m.at));
    },
    async remove(ids) {
      for (const id of ids) removeOne.run(id);
    },
    async listByChat(chatKey, { from, to, limit }) {
      const rows = window.all(chatKey, from ? ms(from) : Number.MIN_SAFE_INTEGER, to ? ms(to) : Number.MAX_SAFE_INTEGER, limit) as Row[];
      return rows.map(toMessage).reverse();
    },
    async deleteBefore(before, limit) {
      return purge.run(ms(before), limit).changes;
    },
  };
}

const toEscalation = (r: Row): Escalation => ({
  id: r.id as string,
  ticketId: r.ticket_id as string,
  reason: r.reason as Escalation['reason'],
  openedAt: date(r.opened_at as number),
  acknowledgedAt: dateOrNull(r.acknowledged_at as number | null),
  acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
});

export function sqliteEscalations(db: Db): EscalationRepository {
  const insert = db.prepare(`INSERT INTO escalations (id, ticket_id, reason, opened_at, acknowledged_at, acknowledged_by)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id, reason) DO NOTHING`);
  const ack = db.prepare('UPDATE escalations SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL');
  const byId = db.prepare('SELECT * FROM escalations WHERE id = ?');
  const byTicket = db.prepare('SELECT * FROM escalations WHERE ticket_id = ? ORDER BY opened_at, id');
  const open = db.prepare('SELECT * FROM escalations WHERE acknowledged_at IS NULL ORDER BY opened_at, id LIMIT ?');
  return {
    async open(e) {
      return insert.run(e.id, e.ticketId, e.reason, ms(e.openedAt), e.acknowledgedAt ? ms(e.acknowledgedAt) : null, e.acknowledgedBy).changes === 1;
    },
    async acknowledge(id, by, at) {
      return ack.run(ms(at), by, id).changes === 1;
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toEscalation(r) : null;
    },
    async forTicket(ticketId) {
      return (byTicket.all(ticketId) as Row[]).map(toEscalation);
    },
    async listOpen(limit) {
      return (open.all(limit) as Row[]).map(toEscalation);
    },
  };
}
