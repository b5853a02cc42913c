/** @module The conversation-log port. Both stores (SQLite, MongoDB) implement it. */
import type { ConversationMessage } from './model.ts';
import type { TicketRepository } from '../tickets/repository.ts';

/** The conversation log of every chat (core/conversations): what the subscriber sent and what was sent back. */
export interface ConversationMessageRepository {
  append(message: ConversationMessage): Promise<void>;
  /** Takes back the lines with these ids (a dialog step whose state write lost a race: it is run again and logged anew). */
  remove(ids: readonly string[]): Promise<void>;
  /**
   * The chat's messages with `from <= at <= to` (either bound optional), the newest `limit` of them, returned oldest
   * first in the order they were appended (messages of one moment keep their order).
   */
  listByChat(chatKey: string, options: { from?: Date; to?: Date; limit: number }): Promise<ConversationMessage[]>;
  /** Deletes messages older than `before` (retention), at most `limit` per call; returns how many went. */
  deleteBefore(before: Date, limit: number): Promise<number>;
}

/** The repositories the conversation log's reading and retention work on. */
export interface ConversationRepositories {
  tickets: TicketRepository;
  conversationMessages: ConversationMessageRepository;
}
