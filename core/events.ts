/**
 * @module Domain events with past-tense dotted names, and a tiny typed in-process bus. Use cases emit after the
 * store has the change; listeners (console live updates, subscriber notifications, SLA bookkeeping) hold the side
 * effects, so the models have none. A failing listener is logged and never fails the use case.
 */
import type { InstalmentAgreement } from './instalments/model.ts';
import type { Logger } from './logging/logger.ts';
import type { Escalation, SlaBreach } from './sla/model.ts';
import type { ChannelName } from './chats/model.ts';
import type { Closing } from './tickets/closing.ts';
import type { Actor, CallbackOutcome, Ticket, TicketMessage, TicketRating } from './tickets/model.ts';

export interface EventMap {
  'ticket.created': { ticket: Ticket; actor: Actor };
  'ticket.assigned': { ticket: Ticket; actor: Actor; assigneeId: string | null };
  'ticket.escalated': { ticket: Ticket; actor: Actor; automatic: boolean };
  'ticket.message_created': { ticket: Ticket; message: TicketMessage };
  /** A message's delivery status or external id changed (sent, failed). */
  'ticket.message_updated': { ticket: Ticket; message: TicketMessage };
  'ticket.callback_recorded': { ticket: Ticket; actor: Actor; outcome: CallbackOutcome };
  'ticket.breached': { ticket: Ticket; breach: SlaBreach };
  /** The ticket was moved to the supervisors with a reason (after a breach). */
  'ticket.escalation_opened': { ticket: Ticket; escalation: Escalation };
  'ticket.escalation_acknowledged': { ticket: Ticket; escalation: Escalation; actor: Actor };
  'ticket.resolved': { ticket: Ticket; actor: Actor };
  /** `closing`: the reason the agent gave (a technical ticket closed without a callback), told to the subscriber. */
  'ticket.closed': { ticket: Ticket; actor: Actor; closing: Closing | null };
  'ticket.rated': { ticket: Ticket; rating: TicketRating };
  /** The chat was handed to a person (`joined`: an existing active ticket took it). */
  'ticket.handoff_started': { ticket: Ticket; joined: boolean };
  /** The agent closed the hand-off; the bot answers the chat again. */
  'ticket.handoff_ended': { ticket: Ticket; actor: Actor };
  /** Any change a live view should refresh for (sent along with the specific event). */
  'ticket.updated': { ticket: Ticket };
  /** An agent's work status changed (seed 003 cl. 32–33); the supervisor's live view refreshes. */
  'agent.status_changed': { userId: string; status: string; by: string | null };
  /** A month's report was generated and stored (seed 003 cl. 28). */
  'report.generated': { month: string };
  /**
   * An agent or a supervisor concluded an instalment agreement (seed 001 status 6); the subscriber is told in the
   * request's chat (`chatKey`) or every linked chat, with the schedule and, when disconnected, `restoreBy` (cl. 31(13)).
   */
  'instalment.concluded': { agreement: InstalmentAgreement; accountNumber: string; chatKey: string | null; restoreBy: Date | null };
  /** A channel's connection changed state (WhatsApp: starting, qr, ready, failed …); `problem` says why it is down. */
  'channel.state_changed': { channel: ChannelName; state: string; problem: string | null };
  /**
   * A web chat's kept messages were written at revision `rev` (core/webchat): an instance holding that chat's open
   * pages reads them (several instances, issue 20 item 15). Never the texts: they stay in the store.
   */
  'webchat.changed': { externalId: string; rev: number };
}

export type EventName = keyof EventMap;
export type Listener<K extends EventName> = (payload: EventMap[K]) => void | Promise<void>;

/** The in-process event bus. One per product instance. */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<never>>>();

  constructor(private readonly logger?: Logger) {}

  /**
   * Subscribes to one event; returns the unsubscribe function.
   * @example const off = events.on('ticket.breached', ({ ticket }) => alertSupervisors(ticket));
   */
  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
    };
  }

  /** Runs every listener of the event and waits for them; a listener's failure is logged, not thrown. */
  async emit<K extends EventName>(name: K, payload: EventMap[K]): Promise<void> {
    const set = this.listeners.get(name);
    if (!set || set.size === 0) return;
    const results = await Promise.allSettled([...set].map(async (l) => (l as Listener<K>)(payload)));
    for (const r of results) {
      if (r.status === 'rejected') this.logger?.error({ err: r.reason, event: name }, 'event listener failed');
    }
  }
}
