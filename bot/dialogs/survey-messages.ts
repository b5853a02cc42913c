/**
 * @module A survey question as the bot sends it, for any channel: "Question 2 of 5" and the text in the chat's
 * language (the greeting before the first), the answers as buttons (Telegram) or a numbered list (WhatsApp) — scales
 * on a numbered channel are typed as a number instead, so "3" means three — "skip" for optional questions, and "stop"
 * on every message (a button where there is room, always in the text). Multiple choice on buttons toggles ✓ marks
 * and ends with "Done".
 */
import { surveyPrompt, type Question, type Questionnaire } from '../../core/campaigns/index.ts';
import { SCALES, isScale } from '../../core/campaigns/questionnaire-rules.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { ChannelCapabilities, Choice, OutboundMessage } from '../engine/types.ts';

/** Words that stop surveys when typed (any letter case): Russian, Kazakh, English. */
export const STOP_WORDS = ['стоп', 'тоқтату', 'токтату', 'stop'];
export const SKIP_WORDS = ['пропустить', 'өткізу', 'откізу', 'skip'];

export const CHOICE = { stop: 'stop', skip: 'skip', done: 'done', option: 'o:', point: 'n:' } as const;

export interface QuestionView {
  questionnaire: Questionnaire;
  question: Question;
  language: Language;
  capabilities: ChannelCapabilities;
  /** Options already ticked (multiple choice on buttons). */
  picked?: string[];
  /** The first message of the survey carries the greeting. */
  first?: boolean;
}

/** Whether the answers are typed: scales on a numbered channel, free text. */
export const typedScale = (question: Question, capabilities: ChannelCapabilities): boolean =>
  isScale(question) && capabilities.choiceStyle === 'numbered';

export function questionMessage(view: QuestionView, t: Translate): OutboundMessage {
  const { questionnaire, question, language, capabilities } = view;
  const lng = language;
  const prompt = surveyPrompt(questionnaire, question, language);
  const picked = new Set(view.picked ?? []);
  const buttons = capabilities.choiceStyle === 'buttons';
  const choices: Choice[] = [];
  if (question.type === 'single' || question.type === 'multiple') {
    for (const c of prompt.choices) {
      const tick = question.type === 'multiple' && buttons && picked.has(c.id) ? '✓ ' : '';
      choices.push({ id: `${CHOICE.option}${c.id}`, label: `${tick}${c.label}` });
    }
    if (question.type === 'multiple' && buttons) choices.push({ id: CHOICE.done, label: t('campaigns:preview.done', { lng }) });
  } else if (isScale(question) && buttons) {
    for (const c of prompt.choices) choices.push({ id: `${CHOICE.point}${c.id}`, label: c.label });
  }
  const typed = typedScale(question, capabilities);
  if (!question.required && !typed) choices.push({ id: CHOICE.skip, label: t('campaigns:survey.skip', { lng }), synonyms: SKIP_WORDS });
  if (!typed && choices.length < capabilities.maxChoices) {
    choices.push({ id: CHOICE.stop, label: t('campaigns:survey.stop', { lng }), synonyms: STOP_WORDS });
  }
  const lines: string[] = [];
  if (view.first && questionnaire.greeting[language].trim()) lines.push(questionnaire.greeting[language].trim(), '');
  lines.push(t('campaigns:preview.of', { n: prompt.number, of: prompt.of, lng }), prompt.text);
  if (question.type === 'text') lines.push('', t('campaigns:preview.type_answer', { lng }));
  if (typed && isScale(question)) {
    const { min, max } = SCALES[question.type];
    lines.push('', t('campaigns:survey.type_number', { min, max, lng }));
    if (!question.required) lines.push(t('campaigns:survey.type_skip', { lng }));
  }
  if (question.type === 'multiple') lines.push('', t(buttons ? 'campaigns:survey.tick_then_done' : 'campaigns:preview.several', { lng }));
  lines.push('', t('campaigns:survey.stop_hint', { lng }));
  // Without choices (a typed scale) an older menu must not take "3" for its third item.
  return choices.length ? { text: lines.join('\n'), choices } : { text: lines.join('\n'), clearsMenu: true };
}
