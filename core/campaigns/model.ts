/**
 * @module The nouns of survey campaigns (seed 003 cl. 10: up to 5,000 outgoing *effective* calls per contract period
 * for marketing surveys; contract cl. 28: satisfaction research by direct contact; seed 000 televoting: closed
 * answers, a greeting, a start and a duration, live counting). A Campaign combines a Questionnaire with an audience of
 * Contacts (Chatwoot's CampaignRecipient); each call is a CallAttempt and the answers a SurveyResponse. Part 2
 * (messenger surveys) adds one delivery record per Contact and answers into the same SurveyResponse.
 */
import type { DayHours } from '../sla/model.ts';
import type { Language } from '../i18n/model.ts';
import type { OutcomeCode, RetryableCode } from './outcomes.ts';

/** A text in both languages of the product; both are required before a campaign can launch. */
export interface LocalizedText {
  kk: string;
  ru: string;
}

/** Who did it: a console user, or the product itself (a timer). */
export type Actor = { type: 'user'; id: string } | { type: 'system'; id: null };

// === Questionnaire

export const QUESTION_TYPES = ['single', 'multiple', 'nps', 'csat', 'text'] as const;
/** Single choice, multiple choice, scale 0–10 (NPS), scale 1–5 (CSAT), free text. */
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface AnswerOption {
  id: string;
  text: LocalizedText;
}

/** Where a skip rule sends the respondent: a later question's id, or the end of the survey. */
export type SkipTarget = string;
export const END_OF_SURVEY: SkipTarget = 'end';

/** "If the answer is … go to …": an option (choice questions) or an inclusive range of a scale. */
export type SkipCondition = { option: string } | { from: number; to: number };

export interface SkipRule {
  when: SkipCondition;
  goTo: SkipTarget;
}

export interface Question {
  id: string;
  type: QuestionType;
  text: LocalizedText;
  required: boolean;
  /** Answer options of single and multiple choice questions (empty for the others). */
  options: AnswerOption[];
  /** Checked in order; the first that matches decides. Without a match the next question follows. */
  skip: SkipRule[];
}

/**
 * A questionnaire version. Frozen once a campaign using it launches: from then on it never changes, and a change
 * means a new version of the same family (`familyId`, `version` + 1).
 */
export interface Questionnaire {
  id: string;
  familyId: string;
  version: number;
  name: string;
  /** The agent's opening script: who calls and why (seed 000: the greeting). */
  greeting: LocalizedText;
  /** What the agent (or the bot) says at the end. */
  closing: LocalizedText;
  questions: Question[];
  frozenAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Optimistic-concurrency counter: an edit applies only to the revision it was made on. */
  revision: number;
}

/** single → option id; multiple → option ids; nps 0–10 / csat 1–5 → number; text → string. */
export type AnswerValue = string | string[] | number;

// === Campaign

export const CAMPAIGN_STATES = ['draft', 'scheduled', 'running', 'paused', 'finished', 'archived'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** Calls by agents (part 1); messenger surveys through the linked chats come with part 2. */
export const CAMPAIGN_MODES = ['calls', 'messenger'] as const;
export type CampaignMode = (typeof CAMPAIGN_MODES)[number];

/** When contacts may be called, in the contact centre's time (default: the SLA calendar's hours, Asia/Almaty). */
export interface CallingHours {
  utcOffsetMinutes: number;
  weekday: DayHours;
  /** Saturdays, Sundays and public holidays (the holidays of the SLA calendar). */
  weekend: DayHours;
}

/** Per retryable outcome: how many attempts a contact gets in all, and how long to wait before the next one. */
export type RetryRules = Record<RetryableCode, { attempts: number; spacingMinutes: number }>;

export interface Campaign {
  id: string;
  name: string;
  questionnaireId: string;
  mode: CampaignMode;
  state: CampaignState;
  startAt: Date | null;
  endAt: Date | null;
  callingHours: CallingHours;
  retry: RetryRules;
  /** Agents who may work this campaign's calling screen (assigned by supervisors). */
  agentIds: string[];
  createdBy: string | null;
  createdAt: Date;
  launchedBy: string | null;
  launchedAt: Date | null;
  updatedAt: Date;
  revision: number;
}

// === Audience

/** ready: waiting for its due time · claimed: an agent has it · done: closed with its last code · excluded: never called. */
export const CONTACT_STATES = ['ready', 'claimed', 'done', 'excluded'] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

export const EXCLUSION_REASONS = ['do_not_call', 'opted_out', 'removed'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** One person to reach in one campaign; unique by phone within the campaign (duplicates are merged). */
export interface Contact {
  id: string;
  campaignId: string;
  /** E.164. */
  phone: string;
  name: string | null;
  accountNumber: string | null;
  region: string | null;
  language: Language | null;
  tags: string[];
  /** The subscriber with this verified phone, if any (their accounts show on the contact card). */
  subscriberId: string | null;
  /** The contact's local time offset (minutes east of UTC): calls never fall outside their local hours. */
  utcOffsetMinutes: number;
  state: ContactState;
  /** 0: a call-back at an agreed time (served first), 1: a first call or a retry. */
  priority: 0 | 1;
  /** Not called before this moment. */
  dueAt: Date;
  /** A call-back promised by this agent: only they get it until a grace period passes. */
  reservedFor: string | null;
  attempts: number;
  lastOutcome: OutcomeCode | null;
  lastAttemptAt: Date | null;
  /** The current claim: its id (outcomes must name it), the agent, its lease, and the quota period it holds a slot in. */
  claimId: string | null;
  claimedBy: string | null;
  leaseUntil: Date | null;
  quotaPeriod: string | null;
  excludedReason: ExclusionReason | null;
  /** The import (and its line) the contact first came from; null for a segment. */
  importId: string | null;
  line: number | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** One call: claimed by an agent, ended with an outcome code. */
export interface CallAttempt {
  id: string;
  campaignId: string;
  contactId: string;
  agentId: string;
  claimedAt: Date;
  endedAt: Date;
  outcome: OutcomeCode;
  /** For `callback`: when, and for whom (null = anyone). */
  callbackAt: Date | null;
  callbackAgentId: string | null;
  note: string | null;
  /** Counted against the quota (the outcome's flag, copied so history survives a change of the table). */
  effective: boolean;
  quotaPeriod: string | null;
}

export const RESPONSE_CHANNELS = ['call', 'telegram', 'whatsapp'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** A contact's answers (one per contact): filled by the agent on the call, or by the subscriber in part 2. */
export interface SurveyResponse {
  contactId: string;
  campaignId: string;
  questionnaireId: string;
  channel: ResponseChannel;
  agentId: string | null;
  language: Language;
  answers: Record<string, AnswerValue>;
  complete: boolean;
  updatedAt: Date;
  completedAt: Date | null;
}

// === Call-list imports: in import-model.ts

export { IMPORT_STATUSES, ISSUE_REASONS } from './import-model.ts';
export type { CallListImport, ImportError, ImportIssue, ImportStatus, IssueOutcome, IssueReason, SegmentFilter } from './import-model.ts';

// === Do-not-call list

export const DNC_SOURCES = ['outcome', 'manual'] as const;

/** A number never to be called for surveys (said "do not call" on a call, or put on the list in the console). */
export interface DoNotCallEntry {
  phone: string;
  source: (typeof DNC_SOURCES)[number];
  note: string | null;
  addedBy: string | null;
  campaignId: string | null;
  addedAt: Date;
}

// === The quota of effective calls (seed 003 cl. 10)

export type QuotaMode = 'stop' | 'notify';

export interface QuotaSettings {
  /** Effective calls allowed per contract period, across all campaigns (seed 003 cl. 10: 5,000). */
  cap: number;
  /** At the cap: stop handing out contacts, or only warn. */
  mode: QuotaMode;
  /** First day of the contract period, `MM-DD` (default 01-01: 1 Jan – 31 Dec). */
  periodStart: string;
}

/** The counter of one period: effective calls so far, and those plus the calls in progress (pending). */
export interface QuotaCounter {
  /** The period's first day, `YYYY-MM-DD`. */
  period: string;
  used: number;
  /** used + pending: a claim takes a slot before the call, so two agents cannot overshoot. */
  taken: number;
}

// === Messenger surveys (part 2)

/**
 * One recipient's survey, written before and after each send: pending → sending → sent → answered / opted_out /
 * failed / ambiguous / expired. `sending` left behind by a crash becomes `ambiguous` (the message may have gone out:
 * Telegram has no idempotency key), never sent again automatically.
 */
export const DELIVERY_STATES = ['pending', 'sending', 'sent', 'answered', 'opted_out', 'failed', 'ambiguous', 'expired'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
/** States a delivery never leaves. */
export const FINAL_DELIVERY_STATES: readonly DeliveryState[] = ['answered', 'opted_out', 'failed', 'ambiguous', 'expired'];

/** The channels a survey is pushed to (web-chat visitors have no open page to reach). */
export const SURVEY_CHANNELS = ['telegram', 'whatsapp'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

export interface SurveyDelivery {
  /** `campaignId:contactId`: one per recipient. */
  id: string;
  campaignId: string;
  contactId: string;
  subscriberId: string;
  chatKey: string;
  channel: SurveyChannel;
  state: DeliveryState;
  /** Not sent before this (a busy chat, a wait Telegram asked for). */
  dueAt: Date;
  /** Send attempts begun (a retry after 429 or 5xx is another). */
  attempts: number;
  /** The question the subscriber is on (after the first send); null before and at the end. */
  questionId: string | null;
  /** The transport's id of the first message. */
  messageId: string | null;
  /** Why it failed, was ambiguous or postponed (a short code or the transport's description, no personal data). */
  error: string | null;
  sentAt: Date | null;
  answeredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A subscriber who said "stop" to surveys: honoured by every later campaign until they turn surveys back on. */
export interface SurveyOptOut {
  subscriberId: string;
  campaignId: string | null;
  at: Date;
}
