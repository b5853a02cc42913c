/**
 * @module Closing a ticket for good. A technical ticket promises a callback from the second line (seed 003 cl. 5):
 * closing one that was neither called back nor resolved breaks that promise, so the agent must say why (one of
 * `CLOSE_REASONS`; `other` with a few words), and the subscriber is told that reason in their chat.
 */
import type { Ticket } from './model.ts';

export const CLOSE_REASONS = ['duplicate', 'solved_first_line', 'withdrawn', 'subscriber_side', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Why the ticket is closed, when closing needs a reason. */
export interface Closing {
  reason: CloseReason;
  /** The agent's words for `other` (the subscriber reads them). */
  comment?: string | null;
}

/** Longest comment a closing reason may carry. */
export const MAX_CLOSE_COMMENT = 300;

/**
 * True when closing this ticket needs a reason: a technical ticket with no callback outcome, not resolved.
 * @example closeNeedsReason({ type: 'technical', callbackOutcome: null, resolvedAt: null, … }) // true
 */
export function closeNeedsReason(ticket: Pick<Ticket, 'type' | 'callbackOutcome' | 'resolvedAt'>): boolean {
  return ticket.type === 'technical' && !ticket.callbackOutcome && !ticket.resolvedAt;
}

/** The closing as it will be stored, or why it cannot be (an i18n key). */
export function checkClosing(ticket: Ticket, closing: Closing | null | undefined): { ok: true; value: Closing | null } | { ok: false; reason: string } {
  if (!closing) return closeNeedsReason(ticket) ? { ok: false, reason: 'tickets:error.close_reason_required' } : { ok: true, value: null };
  if (!CLOSE_REASONS.includes(closing.reason)) return { ok: false, reason: 'tickets:error.close_reason_required' };
  const comment = closing.comment?.trim().slice(0, MAX_CLOSE_COMMENT) || null;
  if (closing.reason === 'other' && !comment) return { ok: false, reason: 'tickets:error.close_comment_required' };
  return { ok: true, value: { reason: closing.reason, comment } };
}
