/** @module Conversations: the log of every chat's messages (kept for the transcript retention of core/retention) and the excerpt shown with a ticket. */
export * from './model.ts';
export { BEFORE_TICKET_LIMIT, BEFORE_TICKET_MINUTES, conversationBeforeTicket } from './transcript.ts';
