/**
 * @module A subscriber answering a messenger survey in the chat: the survey in progress for a chat, one answer at a
 * time (read with the questionnaire's own rules, skip logic applied, the first answer kept: a stale button, a second
 * answer to the same question or an answer after the campaign ended change nothing and say why), and "stop" (an
 * opt-out from every survey, honoured by later campaigns, reversible in the notification settings).
 */
import type { CampaignDeps, Result } from '../deps.ts';
import { done, refuse } from '../deps.ts';
import { END_OF_SURVEY, type AnswerValue, type Question, type Questionnaire, type SurveyDelivery, type SurveyResponse } from '../model.ts';
import { nextQuestionId, readAnswer, surveyPath } from '../questionnaire-rules.ts';
import type { Language } from '../../i18n/model.ts';

type Deps = Pick<CampaignDeps, 'campaigns' | 'questionnaires' | 'contacts' | 'deliveries' | 'optOuts' | 'clock'>;

/** A survey as the chat is in it: the record, its questionnaire and the question on screen. */
export interface OpenSurvey {
  delivery: SurveyDelivery;
  questionnaire: Questionnaire;
  question: Question;
}

/** Campaign states in which answers are still taken (a paused campaign sends nothing new but keeps listening). */
const LISTENING = new Set(['running', 'paused']);

/** The survey this chat is in the middle of, if any (newest first). */
export async function openSurvey(deps: Deps, chatKey: string): Promise<OpenSurvey | null> {
  for (const delivery of await deps.deliveries.openForChat(chatKey)) {
    const campaign = await deps.campaigns.get(delivery.campaignId);
    if (!campaign || !LISTENING.has(campaign.state)) continue;
    const questionnaire = await deps.questionnaires.get(campaign.questionnaireId);
    const question = questionnaire?.questions.find((q) => q.id === delivery.questionId);
    if (questionnaire && question) return { delivery, questionnaire, question };
  }
  return null;
}

export interface AnswerInput {
  deliveryId: string;
  /** The question the subscriber answered (from the message they answered). */
  questionId: string;
  /** What they chose or typed; undefined: skipped. */
  raw: string | string[] | undefined;
  language: Language;
}

/** The next question, or null at the end (with the closing text of the questionnaire). */
export type Answered = { next: Question | null; questionnaire: Questionnaire };

export async function answerSurvey(deps: Deps, input: AnswerInput): Promise<Result<Answered>> {
  const delivery = await deps.deliveries.get(input.deliveryId);
  if (!delivery) return refuse('survey.stale');
  const campaign = await deps.campaigns.get(delivery.campaignId);
  if (!campaign || !LISTENING.has(campaign.state) || delivery.state === 'expired') return refuse('survey.ended');
  if (delivery.state !== 'sent' || delivery.questionId !== input.questionId) return refuse('survey.stale');
  const questionnaire = await deps.questionnaires.get(campaign.questionnaireId);
  const question = questionnaire?.questions.find((q) => q.id === input.questionId);
  if (!questionnaire || !question) return refuse('survey.stale');
  const read = readAnswer(question, input.raw);
  if (!read.ok) return refuse(read.reason);
  if (read.value === undefined && question.required) return refuse('survey.required');
  const before = await deps.contacts.response(delivery.contactId);
  const answers: Record<string, AnswerValue> = { ...(before?.answers ?? {}) };
  if (read.value === undefined) delete answers[question.id];
  else answers[question.id] = read.value;
  const nextId = nextQuestionId(questionnaire, question.id, read.value);
  const next = nextId === END_OF_SURVEY ? null : questionnaire.questions.find((q) => q.id === nextId) ?? null;
  const now = deps.clock.now();
  // Answers off the path the respondent took (an earlier branch) are dropped, as the calling screen does.
  const onPath = new Set(surveyPath(questionnaire, answers).map((q) => q.id));
  const kept = Object.fromEntries(Object.entries(answers).filter(([id]) => onPath.has(id)));
  const complete = next === null && surveyPath(questionnaire, kept).every((q) => !q.required || kept[q.id] !== undefined);
  const response: SurveyResponse = {
    contactId: delivery.contactId, campaignId: delivery.campaignId, questionnaireId: questionnaire.id, channel: delivery.channel,
    agentId: null, language: input.language, answers: kept, complete, updatedAt: now, completedAt: next === null ? now : null,
  };
  const applied = await deps.deliveries.answer({ deliveryId: delivery.id, questionId: question.id, nextQuestionId: next?.id ?? null, response, at: now });
  return applied ? done({ next, questionnaire }) : refuse('survey.stale');
}

/** "Stop": no more surveys for this subscriber, and the survey in progress (if any) ends as opted out. */
export async function optOutOfSurveys(deps: Deps, subscriberId: string, delivery: SurveyDelivery | null): Promise<void> {
  const now = deps.clock.now();
  await deps.optOuts.add({ subscriberId, campaignId: delivery?.campaignId ?? null, at: now });
  if (delivery) await deps.deliveries.move(delivery.id, ['pending', 'sent'], 'opted_out', now, 'stop');
}

/** Surveys back on (the notification settings). */
export async function surveysBackOn(deps: Pick<CampaignDeps, 'optOuts'>, subscriberId: string): Promise<boolean> {
  return deps.optOuts.remove(subscriberId);
}
