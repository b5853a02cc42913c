/**
 * @module The questionnaire's rules, pure: what must be filled in before launch (kk and ru side by side), where skip
 * logic leads ("go to question N / end, by answer", forward only), which questions an answer set passes through, and
 * how a typed or chosen answer is read. The calling screen and the messenger survey (part 2) use the same functions.
 */
import { END_OF_SURVEY, type AnswerValue, type LocalizedText, type Question, type Questionnaire, type SkipCondition } from './model.ts';
import type { Language } from '../i18n/model.ts';

/** The scale a question type answers on, if it is a scale. */
export const SCALES = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 } } as const;
export const isScale = (q: Question): q is Question & { type: 'nps' | 'csat' } => q.type === 'nps' || q.type === 'csat';
export const isChoice = (q: Question): boolean => q.type === 'single' || q.type === 'multiple';

/** Longest text of a question, an option or a script. */
export const MAX_TEXT = 1000;
export const MAX_QUESTIONS = 50;
export const MAX_OPTIONS = 12;

/** Something that stops a launch: an i18n key in `campaigns:` and where. */
export interface Problem {
  key: string;
  params: Record<string, string | number>;
}

const blankIn = (text: LocalizedText): Language[] => (['kk', 'ru'] as const).filter((l) => text[l].trim() === '');

/** Every problem that stops a campaign using this questionnaire from launching; empty when it is complete. */
export function launchProblems(q: Questionnaire): Problem[] {
  const problems: Problem[] = [];
  const missing = (where: string, text: LocalizedText, params: Record<string, string | number> = {}) => {
    for (const lang of blankIn(text)) problems.push({ key: `problem.missing_${lang}`, params: { where, ...params } });
  };
  missing('greeting', q.greeting);
  if (q.questions.length === 0) problems.push({ key: 'problem.no_questions', params: {} });
  q.questions.forEach((question, i) => {
    const n = i + 1;
    missing('question', question.text, { n });
    if (isChoice(question)) {
      if (question.options.length < 2) problems.push({ key: 'problem.few_options', params: { n } });
      question.options.forEach((o, k) => missing('option', o.text, { n, k: k + 1 }));
    }
    for (const rule of question.skip) {
      if (!targetIsAhead(q, i, rule.goTo)) problems.push({ key: 'problem.bad_skip', params: { n } });
      if (!conditionFits(question, rule.when)) problems.push({ key: 'problem.bad_skip', params: { n } });
    }
  });
  return problems;
}

/** Skip logic only goes forward (to a later question or the end), so a survey always ends. */
function targetIsAhead(q: Questionnaire, index: number, goTo: string): boolean {
  if (goTo === END_OF_SURVEY) return true;
  return q.questions.findIndex((x) => x.id === goTo) > index;
}

function conditionFits(question: Question, when: SkipCondition): boolean {
  if ('option' in when) return isChoice(question) && question.options.some((o) => o.id === when.option);
  if (!isScale(question)) return false;
  const { min, max } = SCALES[question.type];
  return Number.isInteger(when.from) && Number.isInteger(when.to) && when.from >= min && when.to <= max && when.from <= when.to;
}

function matches(when: SkipCondition, answer: AnswerValue | undefined): boolean {
  if (answer === undefined) return false;
  if ('option' in when) return Array.isArray(answer) ? answer.includes(when.option) : answer === when.option;
  return typeof answer === 'number' && answer >= when.from && answer <= when.to;
}

/**
 * The question after `questionId` given its answer: the first matching skip rule's target, else the next question;
 * `END_OF_SURVEY` after the last one.
 * @example nextQuestionId(q, 'q1', 'opt-no') // 'q4' when q1 says "No → question 4"
 */
export function nextQuestionId(q: Questionnaire, questionId: string, answer: AnswerValue | undefined): string {
  const index = q.questions.findIndex((x) => x.id === questionId);
  if (index < 0) return END_OF_SURVEY;
  const rule = q.questions[index]!.skip.find((r) => matches(r.when, answer));
  if (rule && targetIsAhead(q, index, rule.goTo)) return rule.goTo;
  return q.questions[index + 1]?.id ?? END_OF_SURVEY;
}

/** The questions a respondent with these answers passes through, in order. */
export function surveyPath(q: Questionnaire, answers: Record<string, AnswerValue>): Question[] {
  const path: Question[] = [];
  let id = q.questions[0]?.id ?? END_OF_SURVEY;
  while (id !== END_OF_SURVEY) {
    const question = q.questions.find((x) => x.id === id);
    if (!question) break;
    path.push(question);
    id = nextQuestionId(q, id, answers[id]);
  }
  return path;
}

export type ReadAnswer = { ok: true; value: AnswerValue | undefined } | { ok: false; reason: string };

/**
 * Reads one answer as a form or a chat gives it (strings): an option id, option ids, a whole number on the scale, or
 * text. Empty means unanswered (`value: undefined`).
 */
export function readAnswer(question: Question, raw: string | string[] | undefined): ReadAnswer {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) return { ok: true, value: undefined };
  if (question.type === 'text') {
    const text = values.join('\n');
    return text.length > MAX_TEXT ? { ok: false, reason: 'answer.too_long' } : { ok: true, value: text };
  }
  if (isScale(question)) {
    const n = Number(values[0]);
    const { min, max } = SCALES[question.type];
    return Number.isInteger(n) && n >= min && n <= max ? { ok: true, value: n } : { ok: false, reason: 'answer.not_on_scale' };
  }
  const known = new Set(question.options.map((o) => o.id));
  if (values.some((v) => !known.has(v))) return { ok: false, reason: 'answer.unknown_option' };
  if (question.type === 'single') return values.length === 1 ? { ok: true, value: values[0]! } : { ok: false, reason: 'answer.one_only' };
  return { ok: true, value: [...new Set(values)] };
}

export type CheckedAnswers =
  | { ok: true; answers: Record<string, AnswerValue>; complete: boolean; missing: number[] }
  | { ok: false; reason: string; question: number };

/**
 * Reads a whole answer sheet: answers off the skip path are dropped; `complete` when every required question on the
 * path is answered (`missing` lists the numbers of those that are not).
 */
export function checkAnswers(q: Questionnaire, raw: Record<string, string | string[] | undefined>): CheckedAnswers {
  const read: Record<string, AnswerValue> = {};
  for (const [i, question] of q.questions.entries()) {
    const r = readAnswer(question, raw[question.id]);
    if (!r.ok) return { ok: false, reason: r.reason, question: i + 1 };
    if (r.value !== undefined) read[question.id] = r.value;
  }
  const answers: Record<string, AnswerValue> = {};
  const missing: number[] = [];
  for (const question of surveyPath(q, read)) {
    const value = read[question.id];
    if (value !== undefined) answers[question.id] = value;
    else if (question.required) missing.push(q.questions.indexOf(question) + 1);
  }
  return { ok: true, answers, complete: missing.length === 0, missing };
}
