/**
 * @module The messenger survey in the chat (issue 17): the survey dispatcher's first question puts the chat here;
 * each answer — a button, a number from the list, a typed number or free text — is recorded by core (skip logic
 * applied, the first answer kept) and the next question follows, until the closing words. "Стоп" / "тоқтату" / "stop"
 * or `/stop` opts the subscriber out of surveys (back on in the notification settings); `/survey` brings back the
 * question a subscriber left for another journey. Bad answers get a short localized reason and the question again.
 */
import type { Answered, OpenSurvey, Question } from '../../core/campaigns/index.ts';
import { go, stay, toMenu, type Dialog, type DialogContext, type DialogInput, type Step } from '../engine/dialog.ts';
import { normaliseAnswer } from '../engine/match-choice.ts';
import type { OutboundMessage } from '../engine/types.ts';
import { CHOICE, questionMessage, SKIP_WORDS, STOP_WORDS } from './survey-messages.ts';

export interface SurveyData {
  deliveryId: string;
  questionId: string;
  /** Ticked options of a multiple-choice question on buttons. */
  picked: string[];
  /** The question as last sent (repeated after a sticker or a stale button). */
  prompt: OutboundMessage[];
}

export const SURVEY_DIALOG = 'survey';

const isWord = (text: string, words: string[]) => words.includes(normaliseAnswer(text).replace(/^\//, ''));

function surveys(ctx: DialogContext) {
  const found = ctx.services.surveys;
  if (!found) throw new Error('messenger surveys are not wired (Services.surveys)');
  return found;
}

/** The data and message of a question on screen. */
export function questionStep(open: Pick<OpenSurvey, 'questionnaire' | 'question'> & { deliveryId: string }, ctx: DialogContext, options: { first?: boolean; picked?: string[]; replace?: boolean; say?: OutboundMessage[] } = {}): Step {
  const message = questionMessage({
    questionnaire: open.questionnaire, question: open.question, language: ctx.language, capabilities: ctx.capabilities,
    picked: options.picked ?? [], first: options.first ?? false,
  }, ctx.t);
  const shown = options.replace ? { ...message, replaceMenu: true } : message;
  const data: SurveyData = { deliveryId: open.deliveryId, questionId: open.question.id, picked: options.picked ?? [], prompt: [message] };
  return stay(data, [...(options.say ?? []), shown]);
}

/** Opts the chat's subscriber out of surveys. */
async function stop(ctx: DialogContext): Promise<Step> {
  const subscriberId = ctx.chat.subscriberId;
  if (!subscriberId || !ctx.linked) return toMenu([{ text: ctx.t('campaigns:survey.not_linked') }]);
  const open = await surveys(ctx).open(ctx.chat.key);
  await surveys(ctx).optOut(subscriberId, open?.delivery ?? null);
  return toMenu([{ text: ctx.t('campaigns:survey.stopped') }]);
}

/** What the input means for the question: an answer (undefined = skipped), a tick, or nothing usable. */
type Read = { kind: 'answer'; raw: string | string[] | undefined } | { kind: 'tick'; option: string } | { kind: 'unknown' };

function read(input: DialogInput, question: Question, data: SurveyData, ctx: DialogContext): Read {
  const buttons = ctx.capabilities.choiceStyle === 'buttons';
  if (input.kind === 'choice') {
    if (input.id === CHOICE.skip) return { kind: 'answer', raw: undefined };
    if (input.id === CHOICE.done) return { kind: 'answer', raw: data.picked };
    if (input.id.startsWith(CHOICE.point)) return { kind: 'answer', raw: input.id.slice(CHOICE.point.length) };
    if (input.id.startsWith(CHOICE.option)) {
      const option = input.id.slice(CHOICE.option.length);
      return question.type === 'multiple' && buttons ? { kind: 'tick', option } : { kind: 'answer', raw: question.type === 'multiple' ? [option] : option };
    }
    return { kind: 'unknown' };
  }
  if (input.kind !== 'text') return { kind: 'unknown' };
  if (!question.required && isWord(input.text, SKIP_WORDS)) return { kind: 'answer', raw: undefined };
  if (question.type === 'multiple') {
    // "1, 3" on a numbered list: the options by their numbers.
    const numbers = input.text.split(/[\s,;]+/).filter(Boolean);
    if (numbers.every((n) => /^\d{1,2}$/.test(n))) return { kind: 'answer', raw: numbers.map((n) => question.options[Number(n) - 1]?.id ?? `#${n}`) };
    return { kind: 'answer', raw: input.text };
  }
  if (question.type === 'single') return { kind: 'answer', raw: `#${input.text}` };
  return { kind: 'answer', raw: input.text };
}

function afterAnswer(result: Answered, data: SurveyData, ctx: DialogContext): Step {
  if (!result.next) {
    const closing = result.questionnaire.closing[ctx.language].trim() || ctx.t('campaigns:survey.thanks');
    return toMenu([{ text: closing }]);
  }
  return questionStep({ questionnaire: result.questionnaire, question: result.next, deliveryId: data.deliveryId }, ctx);
}

export const survey: Dialog<SurveyData | null> = {
  id: SURVEY_DIALOG,

  async start(ctx, args) {
    if ((args as { stop?: boolean } | undefined)?.stop) return stop(ctx);
    const open = await surveys(ctx).open(ctx.chat.key);
    if (!open) return toMenu([{ text: ctx.t('campaigns:survey.none') }]);
    return questionStep({ ...open, deliveryId: open.delivery.id }, ctx);
  },

  async handle(input, data, ctx) {
    if (input.kind === 'choice' && input.id === CHOICE.stop) return stop(ctx);
    if (input.kind === 'text' && isWord(input.text, STOP_WORDS)) return stop(ctx);
    const open = await surveys(ctx).open(ctx.chat.key);
    if (!data || !open || open.delivery.id !== data.deliveryId) {
      return go('menu', undefined, [{ text: ctx.t(open ? 'campaigns:survey.stale' : 'campaigns:survey.ended') }]);
    }
    if (open.question.id !== data.questionId) {
      return questionStep({ ...open, deliveryId: open.delivery.id }, ctx, { say: [{ text: ctx.t('campaigns:survey.stale') }] });
    }
    const r = read(input, open.question, data, ctx);
    if (r.kind === 'unknown') return stay(data, [{ text: ctx.t('campaigns:survey.answer.unknown_option') }, ...data.prompt]);
    if (r.kind === 'tick') {
      const picked = data.picked.includes(r.option) ? data.picked.filter((x) => x !== r.option) : [...data.picked, r.option];
      return questionStep({ ...open, deliveryId: data.deliveryId }, ctx, { picked, replace: true });
    }
    const answered = await surveys(ctx).answer({ deliveryId: data.deliveryId, questionId: data.questionId, raw: r.raw, language: ctx.language });
    if (answered.ok) return afterAnswer(answered.value, data, ctx);
    if (answered.reason === 'survey.ended') return toMenu([{ text: ctx.t('campaigns:survey.ended') }]);
    if (answered.reason === 'survey.stale') return toMenu([{ text: ctx.t('campaigns:survey.stale') }]);
    const why = answered.reason === 'survey.required' ? 'campaigns:survey.required' : `campaigns:survey.${answered.reason}`;
    return questionStep({ ...open, deliveryId: data.deliveryId }, ctx, { picked: data.picked, say: [{ text: ctx.t(why) }] });
  },

  prompt: (data) => data?.prompt ?? [],
};
