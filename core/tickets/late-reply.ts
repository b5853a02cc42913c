/**
 * @module A subscriber answering an agent after the chat went back to the bot (issue 14 item 4). An agent may write
 * to a chat nobody hands off any more (after "end hand-off", or on a fault that never was handed off); the
 * subscriber's answer then reaches the bot, not the person. Within `AGENT_REPLY_WINDOW_MINUTES` (30) of the agent's
 * last message it goes to that ticket, with an activity line the console shows live; later the bot tells the
 * subscriber the agent will not see it (within a day of the agent's message, so old chats are left in peace).
 */
import { appendActivity, type TicketDeps } from './deps.ts';
import { addSubscriberMessage } from './handoff.ts';
import type { Ticket } from './model.ts';

/** How long after an agent's message the bot still mentions that agent when the reply comes too late. */
const MENTION_HORIZON_MS = 24 * 60 * 60_000;
/** The chat's newest tickets looked at. */
const TICKETS_LOOKED_AT = 5;
/** The window when the configuration does not say (AGENT_REPLY_WINDOW_MINUTES' default). */
const DEFAULT_WINDOW_MINUTES = 30;

export interface AgentContact {
  ticket: Ticket;
  /** When the agent last wrote to the chat on this ticket. */
  lastAgentAt: Date;
  /** True while a reply still reaches the agent (within the window). */
  open: boolean;
}

/** The ticket an agent last wrote on to this chat, within a day; null when no agent wrote lately. */
export async function agentContact(deps: TicketDeps, chatKey: string): Promise<AgentContact | null> {
  const now = deps.clock.now().getTime();
  const windowMs = (deps.config.AGENT_REPLY_WINDOW_MINUTES ?? DEFAULT_WINDOW_MINUTES) * 60_000;
  const tickets = (await deps.store.tickets.listByChat(chatKey, TICKETS_LOOKED_AT))
    // An agent's reply changes the ticket, so a ticket untouched for a day has no recent reply to look for.
    .filter((t) => t.status !== 'closed' && now - t.updatedAt.getTime() <= MENTION_HORIZON_MS);
  let best: AgentContact | null = null;
  for (const ticket of tickets) {
    const messages = await deps.store.ticketMessages.list(ticket.id);
    const last = messages.findLast((m) => m.direction === 'outgoing' && m.sender === 'agent' && !m.private);
    if (!last || now - last.createdAt.getTime() > MENTION_HORIZON_MS) continue;
    if (!best || last.createdAt > best.lastAgentAt) {
      best = { ticket, lastAgentAt: last.createdAt, open: now - last.createdAt.getTime() <= windowMs };
    }
  }
  return best;
}

/** Files the subscriber's late answer into the ticket, with a line that tells agents the bot has the chat. */
export async function addLateReply(deps: TicketDeps, ticketId: string, text: string) {
  const added = await addSubscriberMessage(deps, ticketId, text);
  if (!added.ok) return added;
  const ticket = await deps.store.tickets.get(ticketId);
  if (ticket) await appendActivity(deps, ticket, 'tickets:activity.late_reply');
  return added;
}
