/** @module Conversations: the log of every chat's messages, its 3-month retention, and the excerpt shown with a ticket. */
export * from './model.ts';
export { purgeOldTranscripts, registerTranscriptRetention, RETENTION_JOB } from './retention.ts';
export { BEFORE_TICKET_LIMIT, BEFORE_TICKET_MINUTES, conversationBeforeTicket } from './transcript.ts';
