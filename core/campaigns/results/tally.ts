/**
 * @module A campaign's results, counted from its answers (calling and messenger campaigns alike): reached, answered,
 * completed and the response and completion rates; per question the distribution, NPS (% of 9–10 minus % of 0–6)
 * and CSAT (% of 4–5); free-text answers with a search; answers per hour; all of it for one segment (region, plan,
 * channel, language) when asked. Pure over what the store hands in, so the rules are tested without a store.
 */
import type { AnswerValue, Contact, LocalizedText, Question, Questionnaire, ResponseChannel, SurveyResponse } from '../model.ts';
import { SCALES, isScale } from '../questionnaire-rules.ts';
import type { Language } from '../../i18n/model.ts';

/** Which respondents to count; empty fields mean "all". */
export interface Segment {
  region?: string | null;
  planId?: string | null;
  channel?: ResponseChannel | null;
  language?: Language | null;
}

export interface Bar {
  key: string;
  /** The option's text, or the scale point. */
  label: LocalizedText;
  count: number;
}

export interface QuestionTally {
  question: Question;
  number: number;
  /** Respondents who answered it. */
  answered: number;
  bars: Bar[];
  /** % of 9–10 minus % of 0–6, rounded; null without answers (NPS questions only). */
  nps: number | null;
  /** % of 4–5, rounded; null without answers (CSAT questions only). */
  csat: number | null;
  /** Free-text answers matching the search, newest first (text questions only). */
  texts: Array<{ text: string; at: Date }>;
  /** How many free-text answers match in all. */
  textCount: number;
}

export interface Tally {
  /** Respondents the campaign reached (a call answered by a person, a survey message delivered). */
  reached: number;
  /** Who answered at least one question. */
  answered: number;
  complete: number;
  /** answered / reached, 0–100, rounded; null when nobody was reached. */
  responseRate: number | null;
  completionRate: number | null;
  questions: QuestionTally[];
  /** Answers per hour (by the time of the latest answer), oldest first, hours with none included. */
  perHour: Array<{ hour: Date; count: number }>;
}

/** One contact of the campaign as the results see it. */
export interface Respondent {
  contact: Pick<Contact, 'id' | 'region' | 'language'>;
  planId: string | null;
  /** Where they were reached or answered (null: not reached yet). */
  channel: ResponseChannel | null;
  /** A person was reached (a call answered, a survey message delivered). */
  reached: boolean;
  response: SurveyResponse | null;
}

export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 100) : null);

export function inSegment(r: Respondent, s: Segment): boolean {
  if (s.region && r.contact.region !== s.region) return false;
  if (s.planId && r.planId !== s.planId) return false;
  if (s.channel && (r.response?.channel ?? r.channel) !== s.channel) return false;
  if (s.language && (r.response?.language ?? r.contact.language) !== s.language) return false;
  return true;
}

type Answering = Respondent & { response: SurveyResponse };

/** NPS of a list of 0–10 scores: % promoters (9–10) − % detractors (0–6). */
export function nps(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return Math.round(((promoters - detractors) / scores.length) * 100);
}

/** CSAT of a list of 1–5 scores: % of 4 and 5. */
export function csat(scores: number[]): number | null {
  return percent(scores.filter((s) => s >= 4).length, scores.length);
}

const HOUR = 3_600_000;
const MAX_HOURS = 24 * 7;

function barsOf(question: Question, values: AnswerValue[]): Bar[] {
  if (isScale(question)) {
    const { min, max } = SCALES[question.type];
    return Array.from({ length: max - min + 1 }, (_, i) => {
      const point = min + i;
      return { key: String(point), label: { kk: String(point), ru: String(point) }, count: values.filter((v) => v === point).length };
    });
  }
  if (question.type === 'single' || question.type === 'multiple') {
    return question.options.map((o) => ({
      key: o.id, label: o.text, count: values.filter((v) => (Array.isArray(v) ? v.includes(o.id) : v === o.id)).length,
    }));
  }
  return [];
}

/**
 * Counts the respondents in the segment.
 * @example tally(q, respondents, { channel: 'telegram' }, { search: 'скорость', now })
 */
export function tally(
  q: Questionnaire,
  respondents: Respondent[],
  segment: Segment,
  options: { search?: string; now: Date; textLimit?: number },
): Tally {
  const chosen = respondents.filter((r) => inSegment(r, segment));
  const answered = chosen.filter((r): r is Answering => r.response !== null && Object.keys(r.response.answers).length > 0);
  const reached = chosen.filter((r) => r.reached || r.response !== null).length;
  const search = options.search?.trim().toLocaleLowerCase('ru') ?? '';
  const questions = q.questions.map((question, i): QuestionTally => {
    const values = answered.map((r) => r.response.answers[question.id]).filter((v): v is AnswerValue => v !== undefined);
    const scores = values.filter((v): v is number => typeof v === 'number');
    const texts = question.type === 'text'
      ? answered.filter((r) => typeof r.response.answers[question.id] === 'string')
        .map((r) => ({ text: r.response.answers[question.id] as string, at: r.response.updatedAt }))
        .filter((x) => !search || x.text.toLocaleLowerCase('ru').includes(search))
        .sort((a, b) => b.at.getTime() - a.at.getTime())
      : [];
    return {
      question, number: i + 1, answered: values.length, bars: barsOf(question, values),
      nps: question.type === 'nps' ? nps(scores) : null, csat: question.type === 'csat' ? csat(scores) : null,
      texts: texts.slice(0, options.textLimit ?? 50), textCount: texts.length,
    };
  });
  const times = answered.map((r) => r.response.updatedAt.getTime());
  const perHour: Tally['perHour'] = [];
  if (times.length) {
    const last = Math.floor(options.now.getTime() / HOUR) * HOUR;
    const first = Math.max(Math.floor(Math.min(...times) / HOUR) * HOUR, last - (MAX_HOURS - 1) * HOUR);
    for (let h = first; h <= last; h += HOUR) perHour.push({ hour: new Date(h), count: times.filter((t) => t >= h && t < h + HOUR).length });
  }
  const complete = answered.filter((r) => r.response.complete).length;
  return {
    reached, answered: answered.length, complete, responseRate: percent(answered.length, reached),
    completionRate: percent(complete, reached), questions, perHour,
  };
}
