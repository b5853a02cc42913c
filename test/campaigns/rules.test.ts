/**
 * The campaign rules, table by table: the outcome codes and their flags (seed 003 cl. 10: only effective calls
 * count), retry rules inside calling hours (seed 003 cl. 4), the quota period and its alerts, skip logic and what a
 * questionnaire needs before launch.
 */
import { describe, expect, it } from 'vitest';
import { OUTCOMES, OUTCOME_CODES, DEFAULT_RETRY, type OutcomeCode } from '../../core/campaigns/outcomes.ts';
import { nextStep, callbackProblem } from '../../core/campaigns/retry.ts';
import { DEFAULT_CALLING_HOURS, callable, nextCallable } from '../../core/campaigns/calling-hours.ts';
import { quotaPeriod, quotaStatus, thresholdsReached, isPeriodStart } from '../../core/campaigns/quota.ts';
import { checkAnswers, launchProblems, nextQuestionId, readAnswer, surveyPath } from '../../core/campaigns/questionnaire-rules.ts';
import { addQuestion, moveQuestion, newQuestionnaire, removeQuestion, updateQuestion } from '../../core/campaigns/questionnaire-edits.ts';
import { END_OF_SURVEY, type Questionnaire } from '../../core/campaigns/model.ts';
import { KAZAKHSTAN_HOLIDAYS } from '../../core/sla/holidays.ts';

const almaty = (local: string) => new Date(`${local}+05:00`);
const campaign = { retry: DEFAULT_RETRY, callingHours: DEFAULT_CALLING_HOURS, endAt: almaty('2026-12-31T21:00:00') };
const contact = (attempts = 0) => ({ attempts, utcOffsetMinutes: 300 });

describe('outcome codes (seed 003 cl. 10: effective calls count against the quota)', () => {
  it.each<[OutcomeCode, boolean, boolean, boolean, boolean]>([
    // code          reached effective final  retry
    ['effective', true, true, true, false],
    ['partial', true, false, false, true],
    ['no_answer', false, false, false, true],
    ['busy', false, false, false, true],
    ['callback', true, false, false, true],
    ['refused', true, false, true, false],
    ['wrong_number', false, false, true, false],
    ['do_not_call', true, false, true, false],
  ])('Should give %s the flags reached=%s effective=%s final=%s retry=%s', (code, reached, effective, final, retry) => {
    expect(OUTCOMES[code]).toMatchObject({ reachedPerson: reached, effective, final, retryAllowed: retry });
  });

  it('Should count only the completed survey as effective, and put only "do not call" on the list (cl. 32(21))', () => {
    expect(OUTCOME_CODES.filter((c) => OUTCOMES[c].effective)).toEqual(['effective']);
    expect(OUTCOME_CODES.filter((c) => OUTCOMES[c].addsToDoNotCall)).toEqual(['do_not_call']);
    expect(OUTCOME_CODES.filter((c) => OUTCOMES[c].needsTime)).toEqual(['callback']);
  });
});

describe('retry rules in calling hours (seed 003 cl. 4: weekdays 09–21, weekends and holidays 10–19, Asia/Almaty)', () => {
  it.each<[string, OutcomeCode, number, string, string | 'done']>([
    ['no answer at 10:00 Monday: again 2 h later', 'no_answer', 0, '2026-03-02T10:00:00', '2026-03-02T12:00:00'],
    ['busy at 20:00 Monday: 22:00 is closed, so Tuesday 09:00', 'busy', 1, '2026-03-02T20:00:00', '2026-03-03T09:00:00'],
    ['no answer at 19:30 Friday: 21:30 is closed, Saturday opens 10:00', 'no_answer', 0, '2026-03-06T19:30:00', '2026-03-07T10:00:00'],
    ['busy at 17:30 Saturday: 19:30 is after weekend closing, so Sunday 10:00', 'busy', 0, '2026-03-07T17:30:00', '2026-03-08T10:00:00'],
    ['no answer before Nauryz: holiday hours on 21 March', 'no_answer', 0, '2026-03-20T20:30:00', '2026-03-21T10:00:00'],
    ['partial survey: once more the next day', 'partial', 0, '2026-03-02T11:00:00', '2026-03-03T11:00:00'],
    ['third no answer: attempts used up, closed', 'no_answer', 2, '2026-03-02T10:00:00', 'done'],
    ['second partial: closed', 'partial', 1, '2026-03-02T10:00:00', 'done'],
    ['refused: final', 'refused', 0, '2026-03-02T10:00:00', 'done'],
    ['wrong number: final', 'wrong_number', 0, '2026-03-02T10:00:00', 'done'],
  ])('Should schedule %s', (_what, code, attempts, now, expected) => {
    const step = nextStep(campaign, contact(attempts), code, KAZAKHSTAN_HOLIDAYS, almaty(now));
    if (expected === 'done') expect(step).toEqual({ state: 'done' });
    else expect(step).toEqual({ state: 'ready', dueAt: almaty(expected), priority: 1, reservedFor: null });
  });

  it('Should put a call-back at its agreed time, ahead of other calls, for its agent or for anyone', () => {
    const at = almaty('2026-03-03T15:00:00');
    expect(nextStep(campaign, contact(), 'callback', [], almaty('2026-03-02T10:00:00'), { at, agentId: 'a-1' }))
      .toEqual({ state: 'ready', dueAt: at, priority: 0, reservedFor: 'a-1' });
    expect(nextStep(campaign, contact(4), 'callback', [], almaty('2026-03-02T10:00:00'), { at, agentId: null })).toEqual({ state: 'done' });
  });

  it('Should close a contact whose next attempt would fall after the campaign ends', () => {
    const ending = { ...campaign, endAt: almaty('2026-03-02T11:00:00') };
    expect(nextStep(ending, contact(), 'no_answer', [], almaty('2026-03-02T10:00:00'))).toEqual({ state: 'done' });
  });

  it.each([
    ['in the past', '2026-03-02T09:30:00', 'calling.error.callback_past'],
    ['at 22:00, after calling hours', '2026-03-02T22:00:00', 'calling.error.callback_outside_hours'],
    ['on Sunday at 09:30, before weekend opening', '2026-03-08T09:30:00', 'calling.error.callback_outside_hours'],
    ['after the campaign ends', '2027-01-05T12:00:00', 'calling.error.callback_after_end'],
  ])('Should refuse a call-back time %s', (_what, when, reason) => {
    expect(callbackProblem(campaign, contact(), KAZAKHSTAN_HOLIDAYS, almaty(when), almaty('2026-03-02T10:00:00'))).toBe(reason);
  });

  it('Should never call outside the contact\'s own local hours either', () => {
    // A contact at UTC+6 (before 2024 the eastern regions were): 20:30 Almaty is 21:30 there.
    expect(callable(DEFAULT_CALLING_HOURS, [], 300, almaty('2026-03-02T20:30:00'))).toBe(true);
    expect(callable(DEFAULT_CALLING_HOURS, [], 360, almaty('2026-03-02T20:30:00'))).toBe(false);
    expect(nextCallable(DEFAULT_CALLING_HOURS, [], 240, almaty('2026-03-03T08:00:00'))).toEqual(almaty('2026-03-03T10:00:00'));
  });
});

describe('the quota of effective calls (seed 003 cl. 10: up to 5,000 per contract period)', () => {
  it.each([
    ['01-01', '2026-03-02T10:00:00', '2026-01-01', '2026-12-31'],
    ['01-01', '2026-12-31T23:59:00', '2026-01-01', '2026-12-31'],
    ['01-01', '2027-01-01T00:00:00', '2027-01-01', '2027-12-31'],
    ['07-01', '2026-03-02T10:00:00', '2025-07-01', '2026-06-30'],
    ['07-01', '2026-07-01T00:30:00', '2026-07-01', '2027-06-30'],
  ])('Should put a call in period starting %s at %s into %s – %s (Almaty days)', (periodStart, when, start, end) => {
    expect(quotaPeriod({ periodStart }, almaty(when))).toEqual({ start, end });
  });

  it.each([[3999, []], [4000, [80]], [4749, [80]], [4750, [80, 95]], [5000, [80, 95, 100]]])(
    'Should have reached the alert thresholds at %i of 5,000: %j', (used, thresholds) => {
      expect(thresholdsReached(used as number, 5000)).toEqual(thresholds);
    },
  );

  it('Should count calls in progress as pending, and be full when effective and pending reach the cap', () => {
    const settings = { cap: 5000, mode: 'stop' as const, periodStart: '01-01' };
    const period = { start: '2026-01-01', end: '2026-12-31' };
    expect(quotaStatus(settings, period, { period: period.start, used: 4998, taken: 5000 })).toMatchObject({ used: 4998, pending: 2, left: 2, full: true, percent: 99 });
    expect(quotaStatus(settings, period, { period: period.start, used: 10, taken: 10 })).toMatchObject({ pending: 0, full: false });
  });

  it.each([['01-01', true], ['12-31', true], ['02-29', false], ['13-01', false], ['1-1', false]])('Should accept %s as a period start: %s', (v, ok) => {
    expect(isPeriodStart(v)).toBe(ok);
  });
});

describe('questionnaire: skip logic and launch', () => {
  const build = (): Questionnaire => {
    let q = newQuestionnaire('NPS', null, new Date());
    for (const type of ['single', 'nps', 'text', 'csat'] as const) q = (addQuestion(q, type) as { value: Questionnaire }).value;
    const [q1, q2, q3, q4] = q.questions;
    const text = { kk: 'Сұрақ', ru: 'Вопрос' };
    const options = q1!.options.map((o, i) => ({ id: o.id, text: i ? { kk: 'Жоқ', ru: 'Нет' } : { kk: 'Иә', ru: 'Да' } }));
    q = (updateQuestion(q, q1!.id, { text, required: true, options, skip: [{ when: { option: q1!.options[1]!.id }, goTo: q4!.id }] }) as { value: Questionnaire }).value;
    q = (updateQuestion(q, q2!.id, { text, required: true, options: [], skip: [{ when: { from: 0, to: 6 }, goTo: END_OF_SURVEY }] }) as { value: Questionnaire }).value;
    q = (updateQuestion(q, q3!.id, { text, required: false, options: [], skip: [] }) as { value: Questionnaire }).value;
    q = (updateQuestion(q, q4!.id, { text, required: true, options: [], skip: [] }) as { value: Questionnaire }).value;
    return { ...q, greeting: { kk: 'Сәлем', ru: 'Здравствуйте' } };
  };

  it('Should follow "go to question N / end" by answer, and the next question otherwise', () => {
    const q = build();
    const [q1, q2, q3, q4] = q.questions.map((x) => x.id);
    const no = q.questions[0]!.options[1]!.id;
    const yes = q.questions[0]!.options[0]!.id;
    expect(nextQuestionId(q, q1!, no)).toBe(q4);
    expect(nextQuestionId(q, q1!, yes)).toBe(q2);
    expect(nextQuestionId(q, q2!, 3)).toBe(END_OF_SURVEY);
    expect(nextQuestionId(q, q2!, 9)).toBe(q3);
    expect(surveyPath(q, { [q1!]: no }).map((x) => x.id)).toEqual([q1, q4]);
  });

  it('Should call a survey complete when every required question on its path is answered, dropping answers off the path', () => {
    const q = build();
    const [q1, q2, q3, q4] = q.questions.map((x) => x.id);
    const no = q.questions[0]!.options[1]!.id;
    expect(checkAnswers(q, { [q1!]: no, [q4!]: '4', [q2!]: '10' })).toEqual({ ok: true, answers: { [q1!]: no, [q4!]: 4 }, complete: true, missing: [] });
    expect(checkAnswers(q, { [q1!]: q.questions[0]!.options[0]!.id, [q2!]: '8' })).toMatchObject({ complete: false, missing: [4] });
    expect(checkAnswers(q, { [q3!]: 'text' })).toMatchObject({ complete: false, missing: [1, 2, 4] });
    expect(checkAnswers(q, { [q2!]: '11' })).toEqual({ ok: false, reason: 'answer.not_on_scale', question: 2 });
  });

  it.each([
    ['nps', '0', 0], ['nps', '10', 10], ['nps', '11', 'answer.not_on_scale'], ['csat', '0', 'answer.not_on_scale'], ['csat', '5', 5],
    ['csat', 'five', 'answer.not_on_scale'], ['text', '  ', undefined],
  ] as const)('Should read a %s answer %j as %j', (type, raw, expected) => {
    const q = (addQuestion(newQuestionnaire('x', null, new Date()), type) as { value: Questionnaire }).value.questions[0]!;
    const r = readAnswer(q, raw);
    expect(r.ok ? r.value : r.reason).toEqual(expected);
  });

  it('Should stop a launch until every text is there in kk and ru and choice questions have options', () => {
    const q = build();
    expect(launchProblems(q)).toEqual([]);
    const missing = { ...q, greeting: { kk: '', ru: 'Здравствуйте' }, questions: q.questions.map((x, i) => (i === 1 ? { ...x, text: { kk: 'Сұрақ', ru: ' ' } } : x)) };
    expect(launchProblems(missing)).toEqual([
      { key: 'problem.missing_kk', params: { where: 'greeting' } },
      { key: 'problem.missing_ru', params: { where: 'question', n: 2 } },
    ]);
    expect(launchProblems({ ...q, questions: [] })).toContainEqual({ key: 'problem.no_questions', params: {} });
  });

  it('Should keep skip rules pointing forward when questions move or go', () => {
    const q = build();
    const [q1, , , q4] = q.questions.map((x) => x.id);
    const moved = (moveQuestion(q, q4!, 'up') as { value: Questionnaire }).value;
    expect(moved.questions[0]!.skip.map((r) => r.goTo)).toEqual([q4]);
    const removed = (removeQuestion(q, q4!) as { value: Questionnaire }).value;
    expect(removed.questions.find((x) => x.id === q1)!.skip).toEqual([]);
    const first = (moveQuestion(q, q1!, 'down') as { value: Questionnaire }).value;
    expect(first.questions[1]!.skip).toEqual([{ when: { option: q.questions[0]!.options[1]!.id }, goTo: q4 }]);
  });
});
