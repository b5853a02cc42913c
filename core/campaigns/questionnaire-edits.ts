/**
 * @module The builder's edits of a questionnaire, pure: each takes a questionnaire and returns the changed copy or
 * why not (an i18n key in `campaigns:`). The use case (questionnaires.ts) stores the result at the revision it read.
 */
import { randomUUID } from 'node:crypto';
import {
  END_OF_SURVEY, type AnswerOption, type LocalizedText, type Question, type QuestionType, type Questionnaire, type SkipRule,
} from './model.ts';
import { isChoice, isScale, MAX_OPTIONS, MAX_QUESTIONS, MAX_TEXT, SCALES } from './questionnaire-rules.ts';

export type Edit = { ok: true; value: Questionnaire } | { ok: false; reason: string };

const ok = (value: Questionnaire): Edit => ({ ok: true, value });
const no = (reason: string): Edit => ({ ok: false, reason });
const clean = (text: LocalizedText): LocalizedText => ({ kk: text.kk.trim(), ru: text.ru.trim() });
const tooLong = (text: LocalizedText) => text.kk.length > MAX_TEXT || text.ru.length > MAX_TEXT;
const blank = (): LocalizedText => ({ kk: '', ru: '' });

/** A new, empty questionnaire (version 1 of its own family). */
export function newQuestionnaire(name: string, createdBy: string | null, at: Date): Questionnaire {
  const id = randomUUID();
  return {
    id, familyId: id, version: 1, name, greeting: blank(), closing: blank(), questions: [], frozenAt: null,
    createdBy, createdAt: at, updatedAt: at, revision: 1,
  };
}

/** The next version of a (frozen) questionnaire: the same content, open for editing again. */
export function nextVersion(from: Questionnaire, version: number, createdBy: string | null, at: Date): Questionnaire {
  return { ...structuredClone(from), id: randomUUID(), version, frozenAt: null, createdBy, createdAt: at, updatedAt: at, revision: 1 };
}

export function setHead(q: Questionnaire, head: { name: string; greeting: LocalizedText; closing: LocalizedText }): Edit {
  const name = head.name.trim();
  if (!name || name.length > 200) return no('error.name_required');
  if (tooLong(head.greeting) || tooLong(head.closing)) return no('error.text_too_long');
  return ok({ ...q, name, greeting: clean(head.greeting), closing: clean(head.closing) });
}

/** Appends an empty question of this type (choice questions start with two empty options). */
export function addQuestion(q: Questionnaire, type: QuestionType): Edit {
  if (q.questions.length >= MAX_QUESTIONS) return no('error.too_many_questions');
  const options: AnswerOption[] = type === 'single' || type === 'multiple'
    ? [{ id: randomUUID(), text: blank() }, { id: randomUUID(), text: blank() }]
    : [];
  return ok({ ...q, questions: [...q.questions, { id: randomUUID(), type, text: blank(), required: true, options, skip: [] }] });
}

/** What the builder's question form sends: texts, required, the options by row (blank rows dropped) and skip rules. */
export interface QuestionForm {
  text: LocalizedText;
  required: boolean;
  /** Each row keeps the id it comes with (existing options keep theirs, so skip rules and answers stay valid); rows without one get one. */
  options: Array<{ id: string | null; text: LocalizedText }>;
  skip: SkipRule[];
}

export function updateQuestion(q: Questionnaire, questionId: string, form: QuestionForm): Edit {
  const index = q.questions.findIndex((x) => x.id === questionId);
  if (index < 0) return no('error.no_question');
  const question = q.questions[index]!;
  if (tooLong(form.text) || form.options.some((o) => tooLong(o.text))) return no('error.text_too_long');
  const seen = new Set<string>();
  const options = isChoice(question)
    ? form.options
      .filter((o) => o.text.kk.trim() || o.text.ru.trim())
      .map((o) => {
        const id = o.id && !seen.has(o.id) ? o.id : randomUUID();
        seen.add(id);
        return { id, text: clean(o.text) };
      })
    : [];
  if (options.length > MAX_OPTIONS) return no('error.too_many_options');
  const laterIds = new Set(q.questions.slice(index + 1).map((x) => x.id));
  const skip = form.skip.filter((rule) => {
    if (rule.goTo !== END_OF_SURVEY && !laterIds.has(rule.goTo)) return false;
    if ('option' in rule.when) return isChoice(question) && options.some((o) => 'option' in rule.when && o.id === rule.when.option);
    if (!isScale(question)) return false;
    const { min, max } = SCALES[question.type];
    return rule.when.from >= min && rule.when.to <= max && rule.when.from <= rule.when.to;
  });
  const updated: Question = { ...question, text: clean(form.text), required: form.required, options, skip };
  return ok({ ...q, questions: q.questions.map((x, i) => (i === index ? updated : x)) });
}

/** Moves a question one place up or down; skip rules that would now point backwards are dropped. */
export function moveQuestion(q: Questionnaire, questionId: string, direction: 'up' | 'down'): Edit {
  const index = q.questions.findIndex((x) => x.id === questionId);
  const to = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || to < 0 || to >= q.questions.length) return no('error.no_question');
  const questions = [...q.questions];
  [questions[index], questions[to]] = [questions[to]!, questions[index]!];
  return ok({ ...q, questions: dropBackwardSkips(questions) });
}

/** Removes a question and every skip rule that pointed to it. */
export function removeQuestion(q: Questionnaire, questionId: string): Edit {
  if (!q.questions.some((x) => x.id === questionId)) return no('error.no_question');
  return ok({ ...q, questions: dropBackwardSkips(q.questions.filter((x) => x.id !== questionId)) });
}

function dropBackwardSkips(questions: Question[]): Question[] {
  return questions.map((question, i) => {
    const later = new Set(questions.slice(i + 1).map((x) => x.id));
    return { ...question, skip: question.skip.filter((r) => r.goTo === END_OF_SURVEY || later.has(r.goTo)) };
  });
}
