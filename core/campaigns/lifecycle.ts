/**
 * @module A campaign's states — draft → scheduled → running ⇄ paused → finished → archived — in one table, the
 * checks before launch, and the moves themselves (who launched it, when; all audited). Launching freezes the
 * questionnaire; the start and the end are scheduler jobs (seed 000 televoting: a session has a start and a duration).
 */
import type { CampaignDeps, Result } from './deps.ts';
import { auditCampaign, done, refuse } from './deps.ts';
import type { Actor, Campaign, CampaignState } from './model.ts';
import { launchProblems, type Problem } from './questionnaire-rules.ts';

/** Every move a campaign may make; anything else is refused. */
export const TRANSITIONS: Readonly<Record<CampaignState, readonly CampaignState[]>> = {
  draft: ['scheduled', 'running'],
  scheduled: ['draft', 'running', 'finished'],
  running: ['paused', 'finished'],
  paused: ['running', 'finished'],
  finished: ['archived'],
  archived: [],
};

export const canMove = (from: CampaignState, to: CampaignState): boolean => TRANSITIONS[from].includes(to);

export const JOBS = { start: 'campaigns.start', finish: 'campaigns.finish' } as const;
export const jobKey = (kind: keyof typeof JOBS, id: string) => `${JOBS[kind]}:${id}`;

type Deps = Pick<CampaignDeps, 'campaigns' | 'audit' | 'clock'>;
type Decision = Result<Campaign>;

/** Reads the campaign, lets `decide` change it, and stores it at the revision read; on a lost race, reads again. */
export async function mutateCampaign(deps: Deps, id: string, decide: (c: Campaign) => Decision | Promise<Decision>): Promise<Result<{ before: Campaign; after: Campaign }>> {
  for (let i = 0; i < 5; i += 1) {
    const before = await deps.campaigns.get(id);
    if (!before) return refuse('error.no_campaign');
    const decision = await decide(before);
    if (!decision.ok) return decision;
    const after = { ...decision.value, updatedAt: deps.clock.now() };
    if (await deps.campaigns.update(after, before.revision)) return done({ before, after: { ...after, revision: before.revision + 1 } });
  }
  return refuse('error.stale');
}

/** What stops this campaign from launching now (empty when it may launch). */
export async function launchChecklist(deps: Pick<CampaignDeps, 'questionnaires' | 'contacts' | 'clock'>, c: Campaign): Promise<Problem[]> {
  const problems: Problem[] = [];
  const now = deps.clock.now();
  const q = await deps.questionnaires.get(c.questionnaireId);
  if (!q) problems.push({ key: 'problem.no_questionnaire', params: {} });
  else problems.push(...launchProblems(q));
  const counts = await deps.contacts.countByState(c.id);
  if (counts.ready + counts.claimed === 0) problems.push({ key: 'problem.no_contacts', params: {} });
  if (!c.endAt) problems.push({ key: 'problem.no_end', params: {} });
  else if (c.endAt <= now) problems.push({ key: 'problem.end_past', params: {} });
  if (c.startAt && c.endAt && c.startAt >= c.endAt) problems.push({ key: 'problem.start_after_end', params: {} });
  return problems;
}

type LaunchDeps = Pick<CampaignDeps, 'campaigns' | 'questionnaires' | 'contacts' | 'audit' | 'clock' | 'scheduler' | 'afterMove'>;

/** Launches a draft: now (running) or at its start (scheduled). Freezes its questionnaire. */
export async function launchCampaign(deps: LaunchDeps, id: string, actor: Actor): Promise<Result<Campaign>> {
  const now = deps.clock.now();
  const result = await mutateCampaign(deps, id, async (c) => {
    if (c.state !== 'draft') return refuse('error.bad_state');
    const problems = await launchChecklist(deps, c);
    if (problems.length) return refuse('error.launch_blocked', { count: problems.length });
    const later = c.startAt !== null && c.startAt > now;
    return done({ ...c, state: later ? 'scheduled' : 'running', launchedBy: actor.id, launchedAt: now });
  });
  if (!result.ok) return result;
  const { after } = result.value;
  await deps.questionnaires.freeze(after.questionnaireId, now);
  if (after.state === 'scheduled') await deps.scheduler.schedule(JOBS.start, jobKey('start', id), after.startAt!, { campaignId: id });
  await deps.scheduler.schedule(JOBS.finish, jobKey('finish', id), after.endAt!, { campaignId: id });
  await auditCampaign(deps, actor, 'campaign.launch', 'campaign', id, { state: after.state, startAt: after.startAt?.toISOString() ?? null });
  await deps.afterMove?.(after);
  return done(after);
}

/** One of the console's state buttons: pause, resume, finish, archive, or back to draft from scheduled. */
export async function moveCampaign(deps: LaunchDeps, id: string, to: CampaignState, actor: Actor): Promise<Result<Campaign>> {
  if (to === 'scheduled') return refuse('error.bad_state');
  const result = await mutateCampaign(deps, id, (c) => {
    if (!canMove(c.state, to)) return refuse('error.bad_state');
    if (to === 'running' && c.endAt && c.endAt <= deps.clock.now()) return refuse('problem.end_past');
    return done({ ...c, state: to });
  });
  if (!result.ok) return result;
  const { before, after } = result.value;
  if (to === 'draft' || to === 'finished') await deps.scheduler.cancel(jobKey('start', id));
  if (to === 'draft' || to === 'finished') await deps.scheduler.cancel(jobKey('finish', id));
  await auditCampaign(deps, actor, `campaign.${verb(before.state, to)}`, 'campaign', id, { from: before.state, to });
  await deps.afterMove?.(after);
  return done(after);
}

function verb(from: CampaignState, to: CampaignState): string {
  if (to === 'running') return from === 'paused' ? 'resume' : 'start';
  if (to === 'draft') return 'unschedule';
  return to === 'paused' ? 'pause' : to === 'finished' ? 'finish' : 'archive';
}

/** The start job: a scheduled campaign starts running (a campaign paused or ended meanwhile is left alone). */
export async function startDue(deps: LaunchDeps, id: string, actor: Actor): Promise<void> {
  const c = await deps.campaigns.get(id);
  if (c?.state === 'scheduled') await moveCampaign(deps, id, 'running', actor);
}

/** The end job: a campaign still scheduled, running or paused at its end finishes. */
export async function finishDue(deps: LaunchDeps, id: string, actor: Actor): Promise<void> {
  const c = await deps.campaigns.get(id);
  if (c && canMove(c.state, 'finished') && (!c.endAt || c.endAt <= deps.clock.now())) await moveCampaign(deps, id, 'finished', actor);
}
