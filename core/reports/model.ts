/**
 * @module The contact centre's records and the monthly report (seed 003 cl. 13, 21, 28–29, 32–34): every chat
 * conversation as a contact (the chat analogue of the IVR section of cl. 29), agents' work statuses (cl. 32), and the
 * report with exactly the sections of cl. 29 plus the cl. 21 and cl. 34 indicators against their thresholds.
 */
import type { Language } from '../i18n/model.ts';
import type { TicketChannel, TicketType } from '../tickets/model.ts';

// === Contacts (cl. 29(2)–(4) for chats)

/** The messenger channels of cl. 29(3): WhatsApp, Telegram and the web chat (the JivoSite role). */
export const CONTACT_CHANNELS = ['whatsapp', 'telegram', 'webchat'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** How a conversation ended up (cl. 29(2)): the bot alone, taken by an agent, or lost. */
export const CONTACT_OUTCOMES = ['bot', 'agent', 'lost'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/**
 * One conversation of a chat with the contact centre: from the subscriber's first message until 30 minutes of
 * silence or the end of the Almaty day. Times are what the report needs: the hand-off to a person, the agent's
 * first answer (waiting time, cl. 29(4)), the subscriber leaving, the end of the agent's handling.
 */
export interface ChatContact {
  id: string;
  chatKey: string;
  channel: ContactChannel;
  language: Language;
  startedAt: Date;
  /** The last message of the subscriber; the contact is over after `CONTACT_IDLE_MS` of silence. */
  lastActivityAt: Date;
  /** The request type (reference, complaint, technical, connection): from the journey used, or its ticket's type. */
  type: TicketType;
  /** The ticket a hand-off joined or opened. */
  ticketId: string | null;
  /** Handed to a person (the "system's answer" of cl. 29(4): the queue took the conversation). */
  handedOffAt: Date | null;
  /** After this instant an unanswered hand-off counts as lost: the end of the day agents could first answer it. */
  answerBy: Date | null;
  /** The agent's first reply to the subscriber. */
  answeredAt: Date | null;
  agentId: string | null;
  /** The subscriber left the person before an answer (`/cancel`). */
  leftAt: Date | null;
  /** The hand-off ended, or the ticket was resolved or closed (end of the agent's handling). */
  endedAt: Date | null;
}

/** Silence after which the next message opens a new contact. */
export const CONTACT_IDLE_MS = 30 * 60_000;

/**
 * The one rule of how a contact ended up (cl. 29(2)): never handed off → the bot handled it; answered by an agent
 * before the subscriber left and before `answerBy` → taken by that agent; otherwise lost.
 */
export function contactOutcome(c: Pick<ChatContact, 'handedOffAt' | 'answeredAt' | 'leftAt' | 'answerBy'>): ContactOutcome {
  if (!c.handedOffAt) return 'bot';
  if (!c.answeredAt) return 'lost';
  const limit = Math.min(c.leftAt?.getTime() ?? Infinity, c.answerBy?.getTime() ?? Infinity);
  return c.answeredAt.getTime() <= limit ? 'agent' : 'lost';
}

/** Milliseconds from the hand-off to the agent's answer, or to the subscriber leaving (cl. 29(4)); null otherwise. */
export function waitingMs(c: Pick<ChatContact, 'handedOffAt' | 'answeredAt' | 'leftAt' | 'answerBy'>): number | null {
  if (!c.handedOffAt) return null;
  const outcome = contactOutcome(c);
  if (outcome === 'agent') return c.answeredAt!.getTime() - c.handedOffAt.getTime();
  if (c.leftAt) return Math.max(0, c.leftAt.getTime() - c.handedOffAt.getTime());
  return null;
}

/** Milliseconds the agent handled a taken contact: from the first answer to its end, at most until `answerBy`. */
export function handlingMs(c: Pick<ChatContact, 'handedOffAt' | 'answeredAt' | 'leftAt' | 'answerBy' | 'endedAt'>): number | null {
  if (contactOutcome(c) !== 'agent') return null;
  const end = Math.min(c.endedAt?.getTime() ?? Infinity, c.answerBy?.getTime() ?? Infinity);
  return Number.isFinite(end) ? Math.max(0, end - c.answeredAt!.getTime()) : 0;
}

// === Agent work statuses (cl. 32, 33, 36)

export const AGENT_STATUSES = ['ready', 'not_ready', 'break', 'lunch', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** Statuses a supervisor may force an agent into (cl. 33: "ready" or disconnected). */
export const FORCEABLE_STATUSES: readonly AgentStatus[] = ['ready', 'offline'];

/** An agent's status from `since` on; `reason` is one of the admin's "not ready" reasons (cl. 36). */
export interface AgentStatusSpan {
  id: string;
  userId: string;
  status: AgentStatus;
  reason: string | null;
  since: Date;
  /** Null while it is the agent's current status. */
  until: Date | null;
  /** Who set it: the agent, a supervisor forcing it (cl. 33), or the system (sign-in, sign-out). */
  setBy: string | null;
}

/** The "not ready" reasons the administrator edits (cl. 36), until they do. */
export const DEFAULT_NOT_READY_REASONS = ['Обучение / Оқу', 'Совещание / Жиналыс', 'Работа с документами / Құжаттармен жұмыс'];

// === Report rows the stores hand in (the report's own arithmetic stays here, in core)

/** What the report reads of one ticket (cl. 29(1), (5)). */
export interface ReportTicket {
  id: string;
  number: number;
  createdAt: Date;
  type: TicketType;
  channel: TicketChannel;
  region: string | null;
  service: string | null;
  breached: boolean;
  /** The callback SLA (seed 003 cl. 5), when the ticket had one. */
  slaStatus: 'active' | 'hit' | 'missed' | 'cancelled' | null;
  slaDueAt: Date | null;
  callbackAt: Date | null;
}

// === The stored monthly report (cl. 28–29)

/** A period of whole Almaty days: `from` inclusive, `to` exclusive (`YYYY-MM-DD`). */
export interface ReportPeriod {
  from: string;
  to: string;
}

export interface Count {
  key: string;
  count: number;
}

export interface AgentFigures {
  agentId: string;
  taken: number;
  handlingMs: number;
  averageHandlingMs: number;
}

export interface BranchFigures {
  branch: string;
  withCallback: number;
  inTime: number;
  breaches: number;
  averageDelayMs: number | null;
}

export interface Threshold {
  value: number | null;
  limit: number;
  /** Whether `value` must stay at or below (`max`) or at or above (`min`) the limit. */
  kind: 'max' | 'min';
  met: boolean | null;
}

/** The report, computed once and stored; everything is a number so a regeneration compares equal. */
export interface MonthlyReport {
  period: ReportPeriod;
  /** cl. 29(1): from the ticket base. */
  tickets: { total: number; byRegion: Count[]; byService: Count[]; byType: Count[] };
  /** cl. 29(2): total = taken by agents + handled by the bot + lost. */
  conversations: { total: number; takenByAgents: number; perAgent: Count[]; byBot: number; lost: number };
  /** cl. 29(3): per messenger, by request type. */
  messengers: Array<{ channel: ContactChannel; total: number; byType: Count[] }>;
  /** cl. 29(4). */
  durations: {
    accepted: number;
    missed: number;
    perAgent: AgentFigures[];
    handlingMs: number;
    averageWaitMs: number | null;
    waited: number;
  };
  /** cl. 29(5): the second line's callbacks within 2 hours (seed 003 cl. 5), by branch. */
  secondLine: { withCallback: number; inTime: number; inTimeShare: number | null; breaches: number; averageDelayMs: number | null; byBranch: BranchFigures[] };
  /** cl. 21 and cl. 34 against their thresholds. */
  targets: { lostShare: Threshold; averageWait: Threshold; servedShare: Threshold; ticketsRegistered: number; ticketsComplete: number };
  /** For the charts. */
  charts: {
    ticketsPerDay: Count[];
    channelByType: Array<{ channel: TicketChannel; byType: Count[] }>;
    slaPerWeek: Array<{ week: string; withCallback: number; inTime: number }>;
  };
}

/** A stored month's report, generated by the monthly job or by a supervisor's regeneration. */
export interface StoredReport {
  /** `YYYY-MM`. */
  month: string;
  generatedAt: Date;
  report: MonthlyReport;
}
