/**
 * @module Recording every chat conversation as a contact (issue 19; seed 003 cl. 29(2)–(4) for chats), at the points
 * where things happen: a subscriber's message opens or continues the chat's contact; a hand-off marks it handed to a
 * person; the agent's first reply is its answer; `/cancel` before an answer is the subscriber leaving; the end of the
 * hand-off or of the ticket ends the agent's handling. `listenForContacts` ties the ticket events to it.
 */
import { almatyDate, addDays, startOfDay } from '../billing/calendar.ts';
import { parseChatKey } from '../chats/key.ts';
import type { EventBus } from '../events.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import { nextOpening } from '../sla/calendar.ts';
import type { WorkingCalendar } from '../sla/model.ts';
import type { Language } from '../i18n/model.ts';
import type { Ticket, TicketType } from '../tickets/model.ts';
import { CONTACT_CHANNELS, CONTACT_IDLE_MS, type ChatContact, type ContactChannel } from './model.ts';
import type { ChatContactRepository } from './repository.ts';
import { timeOrderedId } from '../ports/ids.ts';

export interface ContactDeps {
  contacts: ChatContactRepository;
  clock: Clock;
  /** The business calendar in force: an unanswered hand-off is lost at the end of the day agents could answer it. */
  calendar: () => Promise<WorkingCalendar>;
}

/** The request type of a bot journey (cl. 29(3) "by request type" for bot-only conversations); others are reference. */
export const JOURNEY_TYPES: Readonly<Record<string, TicketType>> = { fault: 'technical', plan: 'connection' };

/** Which type wins when a conversation used several journeys: the one that needs the most of the centre. */
const TYPE_WEIGHT: Readonly<Record<TicketType, number>> = { reference: 0, connection: 1, complaint: 2, technical: 3 };

/** The request type of a conversation that used these journeys (dialog ids), at least `base`. */
export function typeOfJourneys(journeys: readonly string[], base: TicketType = 'reference'): TicketType {
  return journeys.map((j) => JOURNEY_TYPES[j] ?? 'reference').reduce((a, b) => (TYPE_WEIGHT[b] > TYPE_WEIGHT[a] ? b : a), base);
}

/** The end of the Almaty day on which agents can first answer a hand-off made at `at`. */
export function answerDeadline(calendar: WorkingCalendar, at: Date): Date {
  return startOfDay(addDays(almatyDate(nextOpening(calendar, at)), 1));
}

/** True while a message at `at` still belongs to `c`: a hand-off still waiting, or under 30 min of silence the same day. */
export function continues(c: ChatContact, at: Date): boolean {
  if (c.handedOffAt && !c.endedAt && !c.leftAt && (!c.answerBy || at < c.answerBy)) return true;
  return at.getTime() - c.lastActivityAt.getTime() < CONTACT_IDLE_MS && almatyDate(at) === almatyDate(c.startedAt) && !c.endedAt;
}

const isContactChannel = (channel: string): channel is ContactChannel => (CONTACT_CHANNELS as readonly string[]).includes(channel);

export interface ChatMessage {
  chatKey: string;
  language: Language;
  at: Date;
  /** The dialogs the step went through (the journeys used). */
  journeys: readonly string[];
}

/** A subscriber's message: continues the chat's contact or opens a new one. */
export async function noteMessage(deps: ContactDeps, m: ChatMessage): Promise<ChatContact | null> {
  const { channel } = parseChatKey(m.chatKey);
  if (!isContactChannel(channel)) return null;
  const latest = await deps.contacts.latestForChat(m.chatKey);
  if (latest && continues(latest, m.at)) {
    const type = latest.ticketId ? latest.type : typeOfJourneys(m.journeys, latest.type);
    await deps.contacts.update(latest.id, { lastActivityAt: m.at, type, language: m.language });
    return { ...latest, lastActivityAt: m.at, type, language: m.language };
  }
  const contact: ChatContact = {
    id: timeOrderedId(), chatKey: m.chatKey, channel, language: m.language, startedAt: m.at, lastActivityAt: m.at,
    type: typeOfJourneys(m.journeys), ticketId: null, handedOffAt: null, answerBy: null, answeredAt: null, agentId: null,
    leftAt: null, endedAt: null,
  };
  await deps.contacts.create(contact);
  return contact;
}

/** The chat was handed to a person: its contact is now waiting for an agent (opened if the chat had none going). */
export async function noteHandoff(deps: ContactDeps, ticket: Ticket): Promise<void> {
  if (!ticket.chatKey) return;
  const at = deps.clock.now();
  const answerBy = answerDeadline(await deps.calendar(), at);
  const latest = await deps.contacts.latestForChat(ticket.chatKey);
  const fresh = !latest || !continues(latest, at) || Boolean(latest.handedOffAt && (latest.leftAt || latest.endedAt));
  if (fresh) {
    const { channel } = parseChatKey(ticket.chatKey);
    if (!isContactChannel(channel)) return;
    await deps.contacts.create({
      id: timeOrderedId(), chatKey: ticket.chatKey, channel, language: ticket.language, startedAt: at, lastActivityAt: at,
      type: ticket.type, ticketId: ticket.id, handedOffAt: at, answerBy, answeredAt: null, agentId: null, leftAt: null, endedAt: null,
    });
    return;
  }
  await deps.contacts.update(latest.id, { ticketId: ticket.id, type: ticket.type, lastActivityAt: at });
  await deps.contacts.update(latest.id, { handedOffAt: at, answerBy }, ['handedOffAt', 'answerBy']);
}

/** The agent's reply reached the ticket of a handed-off contact: the first one is its answer (cl. 29(4) waiting time). */
export async function noteAgentReply(deps: ContactDeps, ticket: Ticket, agentId: string | null, at: Date): Promise<void> {
  const c = await deps.contacts.latestForTicket(ticket.id);
  if (!c?.handedOffAt || c.answeredAt) return;
  await deps.contacts.update(c.id, { answeredAt: at, agentId }, ['answeredAt', 'agentId']);
}

/** The hand-off ended: the subscriber left (before an answer, a lost contact) or the agent handed the chat back. */
export async function noteHandoffEnded(deps: ContactDeps, ticket: Ticket, bySubscriber: boolean): Promise<void> {
  const c = await deps.contacts.latestForTicket(ticket.id);
  if (!c) return;
  const at = deps.clock.now();
  if (bySubscriber && !c.answeredAt) await deps.contacts.update(c.id, { leftAt: at }, ['leftAt']);
  await deps.contacts.update(c.id, { endedAt: at }, ['endedAt']);
}

/** The ticket was resolved or closed, or its type changed: the contact follows. */
export async function noteTicketChange(deps: ContactDeps, ticket: Ticket, finished: boolean): Promise<void> {
  const c = await deps.contacts.latestForTicket(ticket.id);
  if (!c) return;
  if (c.type !== ticket.type) await deps.contacts.update(c.id, { type: ticket.type });
  if (finished && c.handedOffAt) await deps.contacts.update(c.id, { endedAt: deps.clock.now() }, ['endedAt']);
}

/**
 * Records contacts from the ticket events (hand-off, agents' replies, the end of a hand-off or ticket). Register once.
 * @example listenForContacts(events, { contacts: store.chatContacts, clock, calendar }, logger);
 */
export function listenForContacts(events: EventBus, deps: ContactDeps, logger: Logger): void {
  const safe = <T>(what: string, fn: (p: T) => Promise<void>) => async (p: T) => {
    try {
      await fn(p);
    } catch (err) {
      logger.error({ err, what }, 'contact not recorded');
    }
  };
  events.on('ticket.handoff_started', safe('handoff', ({ ticket }) => noteHandoff(deps, ticket)));
  events.on('ticket.message_created', safe('reply', async ({ ticket, message }) => {
    if (message.sender === 'agent' && !message.private && message.direction === 'outgoing') await noteAgentReply(deps, ticket, message.senderId, message.createdAt);
  }));
  events.on('ticket.handoff_ended', safe('handoff end', ({ ticket, actor }) => noteHandoffEnded(deps, ticket, actor.type === 'subscriber')));
  events.on('ticket.resolved', safe('resolved', ({ ticket }) => noteTicketChange(deps, ticket, true)));
  events.on('ticket.closed', safe('closed', ({ ticket }) => noteTicketChange(deps, ticket, true)));
  events.on('ticket.updated', safe('updated', ({ ticket }) => noteTicketChange(deps, ticket, false)));
}
