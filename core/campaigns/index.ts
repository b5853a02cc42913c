/**
 * @module Survey campaigns (seed 003 cl. 10, contract cl. 28, seed 000 televoting): questionnaires, campaigns and their
 * states, call-list imports and segments, the do-not-call list, the agents' calling screen and the quota of effective
 * calls. `createCampaigns` binds the use cases to their dependencies for main.ts; each use case takes only what it uses.
 */
import type { CampaignDeps } from './deps.ts';
import { auditCampaign } from './deps.ts';
import type { Actor, CampaignState, QuotaSettings, Questionnaire, SegmentFilter } from './model.ts';
import { createQuestionnaire, editQuestionnaire, newQuestionnaireVersion } from './questionnaires.ts';
import type { Edit } from './questionnaire-edits.ts';
import { assignAgents, createCampaign, defaultSettings, updateCampaign, type CampaignSettings } from './campaigns.ts';
import { launchCampaign, launchChecklist, moveCampaign } from './lifecycle.ts';
import { currentQuota, heartbeat, nextContact, recordOutcome, returnContact, type OutcomeInput } from './calling.ts';
import { addToDoNotCall, removeFromDoNotCall } from './do-not-call.ts';
import { ImportRunner } from './import/runner.ts';
import { startFileImport, startSegmentImport, type Upload } from './import/upload.ts';
import { quotaPeriod, saveQuotaSettings } from './quota.ts';
import { SurveyDispatcher, type DispatchOptions } from './messenger/dispatch.ts';
import { answerSurvey, openSurvey, optOutOfSurveys, surveysBackOn, type AnswerInput } from './messenger/answers.ts';
import type { Campaign, SurveyDelivery } from './model.ts';
import { createResults } from './results/index.ts';

export * from './model.ts';
export { OUTCOMES, OUTCOME_CODES, RETRYABLE_CODES, DEFAULT_RETRY, isOutcomeCode, type OutcomeCode } from './outcomes.ts';
export type { CampaignDeps, Result } from './deps.ts';
export type { CampaignSettings } from './campaigns.ts';
export type { NextResult, OutcomeInput } from './calling.ts';
export type { QuotaStatus } from './quota.ts';
export { registerCampaignJobs } from './jobs.ts';
export type { SendResult, SurveySender, DispatchOptions } from './messenger/dispatch.ts';
export type { AnswerInput, Answered, OpenSurvey } from './messenger/answers.ts';
export { surveyPrompt, type SurveyPrompt } from './survey-prompt.ts';
export type { CampaignResults, ExportKind, Results, Segment, Tally, QuestionTally, Bar } from './results/index.ts';

/**
 * The campaign use cases bound to their dependencies.
 * @example const campaigns = createCampaigns(deps); await registerCampaignJobs(scheduler, campaigns.deps, campaigns.runner);
 *          const next = await campaigns.nextContact(campaignId, agent.id);
 */
export function createCampaigns(given: CampaignDeps, options: { dispatch?: DispatchOptions } = {}) {
  const dispatcher = new SurveyDispatcher(given, options.dispatch);
  /** Messenger surveys follow the campaign: dispatch while it runs, expire what is unanswered when it ends. */
  const afterMove = async (c: Campaign) => {
    await given.afterMove?.(c);
    if (c.mode !== 'messenger') return;
    if (c.state === 'running') dispatcher.start(c.id);
    if (c.state === 'finished') await given.deliveries.expireOpen(c.id, given.clock.now());
  };
  const deps: CampaignDeps = { ...given, afterMove };
  const runner = new ImportRunner(deps);
  const uploads = { ...deps, runner };
  return {
    deps,
    runner,
    dispatcher,
    /** Live results and exports (calling and messenger campaigns alike). */
    results: createResults(deps),
    // === Messenger surveys
    surveys: {
      /** The channels' side of a send (attached once the channels are up). */
      attach: (sender: Parameters<SurveyDispatcher['attach']>[0]) => dispatcher.attach(sender),
      open: (chatKey: string) => openSurvey(deps, chatKey),
      answer: (input: AnswerInput) => answerSurvey(deps, input),
      optOut: (subscriberId: string, delivery: SurveyDelivery | null) => optOutOfSurveys(deps, subscriberId, delivery),
      backOn: (subscriberId: string) => surveysBackOn(deps, subscriberId),
      optedOut: async (subscriberId: string) => (await deps.optOuts.get(subscriberId)) !== null,
      deliveryCounts: (campaignId: string) => deps.deliveries.countByState(campaignId),
      ambiguous: (campaignId: string, after: string | null, limit: number) => deps.deliveries.list(campaignId, { state: 'ambiguous', after, limit }),
    },
    // === Questionnaires
    getQuestionnaire: (id: string) => deps.questionnaires.get(id),
    listQuestionnaires: () => deps.questionnaires.list(),
    createQuestionnaire: (name: string, actor: Actor) => createQuestionnaire(deps, name, actor),
    editQuestionnaire: (id: string, revision: number, actor: Actor, what: string, edit: (q: Questionnaire) => Edit) =>
      editQuestionnaire(deps, id, revision, actor, what, edit),
    newQuestionnaireVersion: (id: string, actor: Actor) => newQuestionnaireVersion(deps, id, actor),
    // === Campaigns
    get: (id: string) => deps.campaigns.get(id),
    list: (states?: CampaignState[]) => deps.campaigns.list(states ? { states } : {}),
    defaultSettings: (questionnaireId: string) => defaultSettings(deps, questionnaireId),
    create: (settings: CampaignSettings, actor: Actor) => createCampaign(deps, settings, actor),
    update: (id: string, revision: number, settings: CampaignSettings, actor: Actor) => updateCampaign(deps, id, revision, settings, actor),
    assignAgents: (id: string, agentIds: string[], actor: Actor) => assignAgents(deps, id, agentIds, actor),
    checklist: async (id: string) => {
      const c = await deps.campaigns.get(id);
      return c ? launchChecklist(deps, c) : [];
    },
    launch: (id: string, actor: Actor) => launchCampaign(deps, id, actor),
    move: (id: string, to: CampaignState, actor: Actor) => moveCampaign(deps, id, to, actor),
    counts: (id: string) => deps.contacts.countByState(id),
    // === Audience
    startFileImport: (upload: Upload, actor: Actor) => startFileImport(uploads, upload, actor),
    startSegmentImport: (campaignId: string, segment: SegmentFilter, actor: Actor) => startSegmentImport(uploads, campaignId, segment, actor),
    imports: (campaignId: string) => deps.imports.listByCampaign(campaignId),
    getImport: (id: string) => deps.imports.get(id),
    regions: () => deps.imports.regions(),
    addToDoNotCall: (phone: string, note: string, actor: Actor) => addToDoNotCall(deps, phone, note, actor),
    removeFromDoNotCall: (phone: string, actor: Actor) => removeFromDoNotCall(deps, phone, actor),
    // === Calling
    nextContact: (campaignId: string, agentId: string) => nextContact(deps, campaignId, agentId),
    heartbeat: (contactId: string, claimId: string, agentId: string) => heartbeat(deps, contactId, claimId, agentId),
    returnContact: (contactId: string, claimId: string, agentId: string) => returnContact(deps, contactId, claimId, agentId),
    recordOutcome: (input: OutcomeInput) => recordOutcome(deps, input),
    // === The quota (seed 003 cl. 10)
    quota: () => currentQuota(deps),
    quotaAlerts: async () => {
      const status = await currentQuota(deps);
      return deps.contacts.quotaAlerts(status.period.start);
    },
    saveQuota: async (settings: QuotaSettings, actor: Actor) => {
      await saveQuotaSettings(deps.settings, settings);
      await auditCampaign(deps, actor, 'campaign.quota_settings', 'campaign_quota', quotaPeriod(settings, deps.clock.now()).start, { ...settings });
    },
    /** Stops the imports and survey dispatches running here between batches (they resume on the next start). */
    stop: async () => {
      await dispatcher.stop();
      await runner.stop();
    },
  };
}

export type Campaigns = ReturnType<typeof createCampaigns>;
