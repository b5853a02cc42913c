/**
 * @module The agents' calling screen, as use cases: "next contact" (claimed by one agent only, with its quota slot;
 * only inside calling hours; the do-not-call list and muted notifications checked again before every attempt —
 * contract cl. 32(21)), the heartbeat that keeps the claim while the page is open, handing a contact back, and
 * recording the call's outcome with the answers (seed 003 cl. 10: only effective calls count).
 */
import { randomUUID } from 'node:crypto';
import type { CampaignDeps, Result } from './deps.ts';
import { auditCampaign, done, refuse } from './deps.ts';
import type { CallAttempt, Campaign, Contact, SurveyResponse } from './model.ts';
import { OUTCOMES, type OutcomeCode } from './outcomes.ts';
import { centreOpen, centreOpensAt, callableOffsets } from './calling-hours.ts';
import { CONTACT_OFFSETS } from './regions.ts';
import { checkAnswers } from './questionnaire-rules.ts';
import { callbackProblem, nextStep } from './retry.ts';
import { loadQuotaSettings, quotaPeriod, quotaStatus, thresholdsReached, type QuotaStatus } from './quota.ts';
import type { NextStep } from './repository.ts';
import type { Language } from '../i18n/model.ts';

/** A call-back promised by one agent becomes anyone's this long after its time (the agent may be off shift). */
export const RESERVED_GRACE_MS = 15 * 60_000;

type Deps = Pick<CampaignDeps, 'campaigns' | 'questionnaires' | 'contacts' | 'imports' | 'doNotCall' | 'settings' | 'audit' | 'clock' | 'calendar' | 'claimLeaseMs'>;

export type NextResult =
  | { kind: 'claimed' | 'holding'; contact: Contact }
  | { kind: 'closed'; opensAt: Date }
  | { kind: 'quota_reached'; quota: QuotaStatus }
  | { kind: 'none' | 'not_running' | 'not_assigned' | 'no_campaign' };

/** The quota as it stands now: settings, period, counter. */
export async function currentQuota(deps: Pick<CampaignDeps, 'settings' | 'contacts' | 'clock'>): Promise<QuotaStatus> {
  const settings = await loadQuotaSettings(deps.settings);
  const period = quotaPeriod(settings, deps.clock.now());
  return quotaStatus(settings, period, await deps.contacts.quota(period.start));
}

const assigned = (c: Campaign, agentId: string) => c.agentIds.includes(agentId);

/** Gives the agent the contact they hold, or claims the next one. */
export async function nextContact(deps: Deps, campaignId: string, agentId: string): Promise<NextResult> {
  const campaign = await deps.campaigns.get(campaignId);
  if (!campaign) return { kind: 'no_campaign' };
  if (!assigned(campaign, agentId)) return { kind: 'not_assigned' };
  const now = deps.clock.now();
  // A call in progress stays with its agent even if the campaign was paused meanwhile.
  const held = await deps.contacts.claimedBy(campaignId, agentId, now);
  if (held) return { kind: 'holding', contact: held };
  if (campaign.state !== 'running') return { kind: 'not_running' };
  const { holidays } = await deps.calendar();
  if (!centreOpen(campaign.callingHours, holidays, now)) return { kind: 'closed', opensAt: centreOpensAt(campaign.callingHours, holidays, now) };
  await deps.contacts.releaseExpired(now, 20);
  const settings = await loadQuotaSettings(deps.settings);
  const period = quotaPeriod(settings, now);
  const offsets = callableOffsets(campaign.callingHours, holidays, CONTACT_OFFSETS, now);
  for (let i = 0; i < 20; i += 1) {
    const r = await deps.contacts.claimNext({
      campaignId, agentId, claimId: randomUUID(), now, leaseUntil: new Date(now.getTime() + deps.claimLeaseMs), offsets,
      reservedUntil: new Date(now.getTime() - RESERVED_GRACE_MS),
      quota: { period: period.start, cap: settings.cap, enforce: settings.mode === 'stop' },
    });
    if (r.kind === 'none') return r;
    if (r.kind === 'quota_reached') return { kind: 'quota_reached', quota: await currentQuota(deps) };
    // Checked again before every attempt: a number may have gone on the list since it was imported.
    const facts = (await deps.imports.phoneFacts([r.contact.phone])).get(r.contact.phone);
    const blocked = facts?.doNotCall ? 'do_not_call' : facts?.muted ? 'opted_out' : null;
    if (!blocked) return r;
    await deps.contacts.exclude(r.contact.id, r.contact.claimId, blocked, now);
  }
  return { kind: 'none' };
}

/** Keeps the claim while the agent's page is open; false when it is gone (recorded, or taken back after its lease). */
export async function heartbeat(deps: Deps, contactId: string, claimId: string, agentId: string): Promise<boolean> {
  const contact = await deps.contacts.get(contactId);
  if (!contact || contact.claimedBy !== agentId) return false;
  const now = deps.clock.now();
  return deps.contacts.renewLease(contactId, claimId, now, new Date(now.getTime() + deps.claimLeaseMs));
}

/** Hands the contact back without a call (it is offered again, to anyone). */
export async function returnContact(deps: Deps, contactId: string, claimId: string, agentId: string): Promise<boolean> {
  const contact = await deps.contacts.get(contactId);
  if (!contact || contact.claimedBy !== agentId) return false;
  return deps.contacts.release(contactId, claimId, deps.clock.now());
}

export interface OutcomeInput {
  contactId: string;
  claimId: string;
  agentId: string;
  outcome: OutcomeCode;
  /** The question form as posted: question id → value(s). */
  answers: Record<string, string | string[] | undefined>;
  /** The language the agent spoke (the script shown). */
  language: Language;
  callbackAt?: Date | null;
  /** A call-back for this agent (true) or for anyone. */
  callbackMine?: boolean;
  note?: string | null;
}

export interface OutcomeDone {
  next: NextStep;
  quota: QuotaStatus;
}

/** Records the call: the attempt, the answers, the contact's next step, the quota; refuses what does not fit the code. */
export async function recordOutcome(deps: Deps, input: OutcomeInput): Promise<Result<OutcomeDone>> {
  const now = deps.clock.now();
  const contact = await deps.contacts.get(input.contactId);
  if (!contact || contact.state !== 'claimed' || contact.claimId !== input.claimId || contact.claimedBy !== input.agentId) {
    return refuse('calling.error.claim_lost');
  }
  const campaign = (await deps.campaigns.get(contact.campaignId))!;
  const questionnaire = await deps.questionnaires.get(campaign.questionnaireId);
  if (!questionnaire) return refuse('error.no_questionnaire');
  const flags = OUTCOMES[input.outcome];
  const checked = checkAnswers(questionnaire, input.answers);
  if (!checked.ok) return refuse(`calling.error.${checked.reason}`, { n: checked.question });
  if (flags.needsCompleteSurvey && !checked.complete) return refuse('calling.error.incomplete', { questions: checked.missing.join(', ') });
  const { holidays } = await deps.calendar();
  let callback: { at: Date; agentId: string | null } | undefined;
  if (flags.needsTime) {
    if (!input.callbackAt) return refuse('calling.error.callback_time');
    const problem = callbackProblem(campaign, contact, holidays, input.callbackAt, now);
    if (problem) return refuse(problem);
    callback = { at: input.callbackAt, agentId: input.callbackMine ? input.agentId : null };
  }
  const next = nextStep(campaign, contact, input.outcome, holidays, now, callback);
  const settings = await loadQuotaSettings(deps.settings);
  const period = quotaPeriod(settings, now).start;
  const attempt: CallAttempt = {
    id: randomUUID(), campaignId: campaign.id, contactId: contact.id, agentId: input.agentId, claimedAt: contact.updatedAt, endedAt: now,
    outcome: input.outcome, callbackAt: callback?.at ?? null, callbackAgentId: callback?.agentId ?? null,
    note: input.note?.trim().slice(0, 1000) || null, effective: flags.effective, quotaPeriod: contact.quotaPeriod ?? period,
  };
  const keep = flags.keepsAnswers && Object.keys(checked.answers).length > 0;
  const response: SurveyResponse | null = keep ? {
    contactId: contact.id, campaignId: campaign.id, questionnaireId: questionnaire.id, channel: 'call', agentId: input.agentId,
    language: input.language, answers: checked.answers, complete: flags.effective, updatedAt: now, completedAt: flags.effective ? now : null,
  } : null;
  const doNotCall = flags.addsToDoNotCall
    ? { phone: contact.phone, source: 'outcome' as const, note: null, addedBy: input.agentId, campaignId: campaign.id, addedAt: now }
    : null;
  const stored = await deps.contacts.recordOutcome({ contactId: contact.id, claimId: input.claimId, attempt, next, response, doNotCall, at: now });
  if (!stored) return refuse('calling.error.claim_lost');
  const actor = { type: 'user' as const, id: input.agentId };
  if (doNotCall) await auditCampaign(deps, actor, 'campaign.do_not_call_added', 'do_not_call', null, { campaignId: campaign.id, source: 'outcome' });
  if (stored.quota && flags.effective) {
    for (const threshold of thresholdsReached(stored.quota.used, settings.cap)) {
      if (await deps.contacts.raiseQuotaAlert(stored.quota.period, threshold, now)) {
        await auditCampaign(deps, { type: 'system', id: null }, 'campaign.quota_threshold', 'campaign_quota', stored.quota.period, { threshold, used: stored.quota.used, cap: settings.cap });
      }
    }
  }
  return done({ next, quota: await currentQuota(deps) });
}
