/**
 * @module What the campaign use cases may be given, and the small things they share: a result type whose refusal is
 * an i18n key in `campaigns:`, and the audit entry (who created, edited, launched … what). Each use case takes only
 * the members it uses (`Pick<CampaignDeps, 'campaigns' | 'clock'>`), so reading a questionnaire cannot write contacts.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { WorkingCalendar } from '../sla/model.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { ChatRepository } from '../chats/repository.ts';
import type { LeaseRepository } from '../scheduler/repository.ts';
import type { SettingsRepository } from '../settings/repository.ts';
import type { SubscriberRepository } from '../subscribers/repository.ts';
import type { UserRepository } from '../users/repository.ts';
import type { Actor, Campaign } from './model.ts';
import type {
  CallListImportRepository, CampaignRepository, ContactRepository, DoNotCallRepository, QuestionnaireRepository,
  SurveyDeliveryRepository, SurveyOptOutRepository,
} from './repository.ts';

export interface CampaignDeps {
  questionnaires: QuestionnaireRepository;
  campaigns: CampaignRepository;
  contacts: ContactRepository;
  imports: CallListImportRepository;
  doNotCall: DoNotCallRepository;
  deliveries: SurveyDeliveryRepository;
  optOuts: SurveyOptOutRepository;
  /** Linked chats of the audience (messenger surveys). */
  chats: Pick<ChatRepository, 'listBySubscriber' | 'get'>;
  /** Agents' names in the call-outcome export. */
  users: Pick<UserRepository, 'get'>;
  settings: SettingsRepository;
  audit: AuditRepository;
  leases: LeaseRepository;
  accounts: AccountRepository;
  subscribers: SubscriberRepository;
  clock: Clock;
  logger: Logger;
  scheduler: Pick<Scheduler, 'schedule' | 'cancel'>;
  /** The business calendar in force (Settings → SLA): default calling hours and the holidays. */
  calendar: () => Promise<WorkingCalendar>;
  /** How long a claimed contact stays with an agent without a heartbeat (default 3 min). */
  claimLeaseMs: number;
  /** Called after a campaign moved (launched, started, paused, resumed, finished): messenger surveys dispatch or expire. */
  afterMove?: (campaign: Campaign) => Promise<void>;
  /** How long a survey dispatcher's lease lasts without renewal (`SURVEY_DISPATCH_LEASE_MS`). */
  dispatchLeaseMs: number;
  /** Largest call-list file accepted (`BODY_LIMIT_UPLOAD_MB`; a 100,000-row CSV with every column is about 11 MiB). */
  maxFileBytes: number;
}

/** A use case's answer: the value, or why not (a key in `campaigns:` with its parameters). */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string; params?: Record<string, string | number> };

export const done = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (reason: string, params?: Record<string, string | number>): { ok: false; reason: string; params?: Record<string, string | number> } =>
  params ? { ok: false, reason, params } : { ok: false, reason };

export type AuditedEntity = 'campaign' | 'questionnaire' | 'call_list' | 'do_not_call' | 'campaign_quota' | 'survey_delivery';

/** One audit entry. Never put a phone number or an answer's text in `details`. */
export async function auditCampaign(
  deps: Pick<CampaignDeps, 'audit' | 'clock'>,
  actor: Actor,
  action: string,
  entity: AuditedEntity,
  entityId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await deps.audit.append({
    id: randomUUID(), at: deps.clock.now(), actorType: actor.type, actorId: actor.id, action, entity, entityId, details,
  });
}

export const SYSTEM: Actor = { type: 'system', id: null };
