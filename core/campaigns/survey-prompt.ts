/**
 * @module A question as a respondent meets it, channel-agnostic: its text in the language, the answer choices (options,
 * or the points of a scale), whether several may be chosen, and whether free text is expected. The console previews
 * it as Telegram buttons and as a WhatsApp numbered list; the messenger survey (part 2) sends the same.
 */
import type { Question, Questionnaire } from './model.ts';
import { isScale, SCALES } from './questionnaire-rules.ts';
import type { Language } from '../i18n/model.ts';

export interface SurveyPrompt {
  questionId: string;
  /** 1-based position, for "Question 2 of 5". */
  number: number;
  of: number;
  text: string;
  choices: Array<{ id: string; label: string }>;
  multiple: boolean;
  freeText: boolean;
  required: boolean;
}

/** The prompt of one question in one language. */
export function surveyPrompt(q: Questionnaire, question: Question, lang: Language): SurveyPrompt {
  const scale = isScale(question) ? SCALES[question.type] : null;
  const choices = scale
    ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({ id: String(scale.min + i), label: String(scale.min + i) }))
    : question.options.map((o) => ({ id: o.id, label: o.text[lang] }));
  return {
    questionId: question.id,
    number: q.questions.indexOf(question) + 1,
    of: q.questions.length,
    text: question.text[lang],
    choices,
    multiple: question.type === 'multiple',
    freeText: question.type === 'text',
    required: question.required,
  };
}
