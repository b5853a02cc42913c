/**
 * @module The campaign use cases over a fresh in-memory store and a clock tests move, with small builders: a complete
 * kk/ru questionnaire with all five question types, a running campaign with contacts, agents.
 */
import { wireCampaigns } from '../../core/compose.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import type { Scheduler } from '../../core/scheduler/scheduler.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Store } from '../../core/store/store.ts';
import type { Campaigns } from '../../core/campaigns/index.ts';
import { testBase } from '../helpers/core-base.ts';
import type { Actor, Campaign, Questionnaire } from '../../core/campaigns/model.ts';
import { addQuestion, updateQuestion, setHead, type QuestionForm } from '../../core/campaigns/questionnaire-edits.ts';

export const MARKETING: Actor = { type: 'user', id: 'marketing-1' };
export const AGENT = 'agent-1';

export interface CampaignFixture {
  store: Store;
  clock: ManualClock;
  scheduler: Scheduler;
  campaigns: Campaigns;
}

/** Monday 2 March 2026, 10:00 Almaty: inside calling hours. */
export const MONDAY_10 = '2026-03-02T05:00:00Z';

export async function campaignFixture(start: string = MONDAY_10, store: Store = openSqliteStore(':memory:')): Promise<CampaignFixture> {
  const clock = new ManualClock(start);
  const base = testBase({ clock, store });
  const { scheduler } = base;
  const campaigns = await wireCampaigns(base);
  return { store, clock, scheduler, campaigns };
}

const both = (kk: string, ru: string) => ({ kk, ru });

/** A questionnaire with every question type, complete in both languages; q1 "No" skips to q4. */
export async function completeQuestionnaire(f: CampaignFixture): Promise<Questionnaire> {
  const created = await f.campaigns.createQuestionnaire('Megaline сапасы', MARKETING);
  if (!created.ok) throw new Error(created.reason);
  let q = created.value;
  const apply = async (what: string, edit: Parameters<Campaigns['editQuestionnaire']>[4]) => {
    const r = await f.campaigns.editQuestionnaire(q.id, q.revision, MARKETING, what, edit);
    if (!r.ok) throw new Error(r.reason);
    q = r.value;
  };
  await apply('head', (x) => setHead(x, { name: x.name, greeting: both('Сәлеметсіз бе! Қазақтелеком байланыс орталығынан хабарласып тұрмын.', 'Здравствуйте! Вас беспокоит контакт-центр Казахтелекома.'), closing: both('Рақмет!', 'Спасибо!') }));
  for (const type of ['single', 'multiple', 'nps', 'csat', 'text'] as const) await apply('add', (x) => addQuestion(x, type));
  const [q1, q2, q3, q4, q5] = q.questions;
  const form = (text: [string, string], options: Array<[string, string]> = [], extra: Partial<QuestionForm> = {}): QuestionForm => ({
    text: both(...text), required: true, skip: [], options: options.map(([kk, ru], i) => ({ id: null, text: both(kk, ru), ...(i < 2 ? {} : {}) })), ...extra,
  });
  await apply('q1', (x) => updateQuestion(x, q1!.id, { ...form(['Интернет жылдамдығы қанағаттандыра ма?', 'Устраивает ли скорость интернета?'], [['Иә', 'Да'], ['Жоқ', 'Нет']]), options: q1!.options.map((o, i) => ({ id: o.id, text: i ? both('Жоқ', 'Нет') : both('Иә', 'Да') })) }));
  const yesNo = q.questions[0]!;
  await apply('q1 skip', (x) => updateQuestion(x, q1!.id, {
    text: yesNo.text, required: true, options: yesNo.options.map((o) => ({ id: o.id, text: o.text })), skip: [{ when: { option: yesNo.options[1]!.id }, goTo: q4!.id }],
  }));
  await apply('q2', (x) => updateQuestion(x, q2!.id, form(['Интернетті не үшін қолданасыз?', 'Для чего вы используете интернет?'], [['Жұмыс', 'Работа'], ['Оқу', 'Учёба'], ['Фильмдер', 'Фильмы']])));
  await apply('q3', (x) => updateQuestion(x, q3!.id, form(['Бізді ұсынар ма едіңіз? (0–10)', 'Порекомендуете ли вы нас? (0–10)'])));
  await apply('q4', (x) => updateQuestion(x, q4!.id, form(['Қызмет сапасын бағалаңыз (1–5)', 'Оцените качество обслуживания (1–5)'])));
  await apply('q5', (x) => updateQuestion(x, q5!.id, { ...form(['Тілектеріңіз', 'Ваши пожелания']), required: false }));
  return q;
}

/** A CSV call list with `n` valid rows. */
export function csvList(n: number, extraRows: string[] = []): Buffer {
  const rows = Array.from({ length: n }, (_, i) => `+7701${String(1000000 + i).slice(-7)},Абонент ${i + 1},1000000${String(10000 + i)},Алматытелеком,kk,vip`);
  return Buffer.from(['Телефон,ФИО,Лицевой счёт,Регион,Язык,Теги', ...rows, ...extraRows].join('\n'), 'utf8');
}

/** Imports `bytes` into the campaign and waits until the import ends. */
export async function importFile(f: CampaignFixture, campaignId: string, bytes: Buffer, fileName = 'list.csv', encoding: 'auto' | 'utf-8' | 'windows-1251' = 'auto') {
  const started = await f.campaigns.startFileImport({ campaignId, fileName, bytes, encoding }, MARKETING);
  if (!started.ok) return started;
  await f.campaigns.runner.idle();
  return { ok: true as const, value: (await f.campaigns.getImport(started.value.id))! };
}

/** A running campaign (ends in 30 days) with `contacts` imported and AGENT assigned. */
export async function runningCampaign(f: CampaignFixture, contacts = 5): Promise<Campaign> {
  const q = await completeQuestionnaire(f);
  const settings = { ...(await f.campaigns.defaultSettings(q.id)), name: 'Megaline CSAT', endAt: new Date(f.clock.now().getTime() + 30 * 86_400_000) };
  const created = await f.campaigns.create(settings, MARKETING);
  if (!created.ok) throw new Error(created.reason);
  await importFile(f, created.value.id, csvList(contacts));
  await f.campaigns.assignAgents(created.value.id, [AGENT, 'agent-2'], { type: 'user', id: 'supervisor-1' });
  const launched = await f.campaigns.launch(created.value.id, MARKETING);
  if (!launched.ok) throw new Error(`${launched.reason} ${JSON.stringify(await f.campaigns.checklist(created.value.id))}`);
  return launched.value;
}
