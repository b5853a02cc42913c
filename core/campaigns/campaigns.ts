/**
 * @module Creating and editing a campaign: its name, questionnaire, mode, start and end, calling hours (by default the
 * contact centre's hours from the SLA calendar, Asia/Almaty) and retry rules; and the agents supervisors assign to it.
 * A finished or archived campaign no longer changes; the questionnaire and the mode change only in a draft.
 */
import { randomUUID } from 'node:crypto';
import type { CampaignDeps, Result } from './deps.ts';
import { auditCampaign, done, refuse } from './deps.ts';
import { JOBS, jobKey, mutateCampaign } from './lifecycle.ts';
import type { Actor, Campaign, CallingHours, CampaignMode, RetryRules } from './model.ts';
import { DEFAULT_RETRY, RETRYABLE_CODES } from './outcomes.ts';
import { callingHoursFrom } from './calling-hours.ts';

export interface CampaignSettings {
  name: string;
  questionnaireId: string;
  mode: CampaignMode;
  startAt: Date | null;
  endAt: Date | null;
  callingHours: CallingHours;
  retry: RetryRules;
}

/** Why these settings cannot be kept, or null. */
export function settingsProblem(s: CampaignSettings): string | null {
  if (!s.name.trim() || s.name.length > 200) return 'error.name_required';
  if (s.startAt && s.endAt && s.startAt >= s.endAt) return 'problem.start_after_end';
  for (const day of [s.callingHours.weekday, s.callingHours.weekend]) {
    if (day.open < 0 || day.close > 24 * 60 || day.open >= day.close) return 'error.bad_hours';
  }
  for (const code of RETRYABLE_CODES) {
    const rule = s.retry[code];
    if (!rule || rule.attempts < 1 || rule.attempts > 20 || rule.spacingMinutes < 0 || rule.spacingMinutes > 30 * 24 * 60) return 'error.bad_retry';
  }
  return null;
}

type Deps = Pick<CampaignDeps, 'campaigns' | 'questionnaires' | 'audit' | 'clock' | 'calendar' | 'scheduler'>;

/** The settings a new campaign starts with: the contact centre's hours and the default retry rules. */
export async function defaultSettings(deps: Pick<CampaignDeps, 'calendar'>, questionnaireId: string): Promise<CampaignSettings> {
  return {
    name: '', questionnaireId, mode: 'calls', startAt: null, endAt: null,
    callingHours: callingHoursFrom(await deps.calendar()), retry: structuredClone(DEFAULT_RETRY),
  };
}

export async function createCampaign(deps: Deps, settings: CampaignSettings, actor: Actor): Promise<Result<Campaign>> {
  const problem = settingsProblem(settings);
  if (problem) return refuse(problem);
  if (!(await deps.questionnaires.get(settings.questionnaireId))) return refuse('error.no_questionnaire');
  const now = deps.clock.now();
  const campaign: Campaign = {
    id: randomUUID(), ...settings, name: settings.name.trim(), state: 'draft', agentIds: [], createdBy: actor.id, createdAt: now,
    launchedBy: null, launchedAt: null, updatedAt: now, revision: 1,
  };
  await deps.campaigns.create(campaign);
  await auditCampaign(deps, actor, 'campaign.create', 'campaign', campaign.id, { name: campaign.name, mode: campaign.mode });
  return done(campaign);
}

/** Saves edited settings; a launched campaign's start and end timers follow the new dates. */
export async function updateCampaign(deps: Deps, id: string, revision: number, settings: CampaignSettings, actor: Actor): Promise<Result<Campaign>> {
  const problem = settingsProblem(settings);
  if (problem) return refuse(problem);
  const result = await mutateCampaign(deps, id, async (c) => {
    if (c.revision !== revision) return refuse('error.stale');
    if (c.state === 'finished' || c.state === 'archived') return refuse('error.bad_state');
    if (c.state !== 'draft' && (settings.questionnaireId !== c.questionnaireId || settings.mode !== c.mode)) return refuse('error.locked_after_launch');
    if (c.state !== 'draft' && !settings.endAt) return refuse('problem.no_end');
    if (!(await deps.questionnaires.get(settings.questionnaireId))) return refuse('error.no_questionnaire');
    return done({ ...c, ...settings, name: settings.name.trim() });
  });
  if (!result.ok) return result;
  const { before, after } = result.value;
  if (after.state === 'scheduled' && after.startAt && before.startAt?.getTime() !== after.startAt.getTime()) {
    await deps.scheduler.schedule(JOBS.start, jobKey('start', id), after.startAt, { campaignId: id });
  }
  if (after.state !== 'draft' && after.endAt && before.endAt?.getTime() !== after.endAt.getTime()) {
    await deps.scheduler.schedule(JOBS.finish, jobKey('finish', id), after.endAt, { campaignId: id });
  }
  await auditCampaign(deps, actor, 'campaign.edit', 'campaign', id, { name: after.name });
  return done(after);
}

/** The agents who may work the campaign's calling screen (supervisors choose them). */
export async function assignAgents(deps: Deps, id: string, agentIds: string[], actor: Actor): Promise<Result<Campaign>> {
  const ids = [...new Set(agentIds)].slice(0, 500);
  const result = await mutateCampaign(deps, id, (c) => (c.state === 'archived' ? refuse('error.bad_state') : done({ ...c, agentIds: ids })));
  if (!result.ok) return result;
  const { before, after } = result.value;
  await auditCampaign(deps, actor, 'campaign.agents', 'campaign', id, {
    added: ids.filter((x) => !before.agentIds.includes(x)), removed: before.agentIds.filter((x) => !ids.includes(x)),
  });
  return done(after);
}
