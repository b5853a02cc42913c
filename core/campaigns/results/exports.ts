/**
 * @module The campaign's exports as tables, one rule each: answers (one row per respondent, one column per question,
 * options by their text in the reader's language), call outcomes (one row per call), and the summary (per question
 * the distribution, NPS and CSAT); then written as CSV (csv-stringify, UTF-8 with a BOM and `;` so Excel opens
 * Cyrillic correctly; a cell starting with = + - @ is prefixed with an apostrophe so it never runs as a formula) or as
 * an XLSX workbook (xlsx-writer.ts).
 */
import { stringify } from 'csv-stringify';
import type { Translate } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/model.ts';
import type { CampaignDeps } from '../deps.ts';
import type { AnswerValue, Campaign, Question, Questionnaire } from '../model.ts';
import { safeCell as neutralise } from '../../spreadsheets/safe-cell.ts';
import { allContacts, allResponses } from './read.ts';
import { tally, type Respondent } from './tally.ts';
import type { Sheet, SheetCell } from './xlsx-writer.ts';

type Deps = Pick<CampaignDeps, 'contacts' | 'deliveries' | 'accounts' | 'users'>;

const time = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '');

/** One answer as a cell: option texts, a number, or the text. */
export function answerCell(question: Question, value: AnswerValue | undefined, lang: Language): SheetCell {
  if (value === undefined) return null;
  const label = (id: string) => question.options.find((o) => o.id === id)?.text[lang] ?? id;
  if (Array.isArray(value)) return value.map(label).join('; ');
  if (typeof value === 'number') return value;
  return question.type === 'single' ? label(value) : value;
}

/** The answers sheet: one row per contact who answered, one column per question. */
export async function answersSheet(deps: Pick<Deps, 'contacts'>, q: Questionnaire, campaign: Campaign, t: Translate, lang: Language): Promise<Sheet> {
  const [contacts, responses] = await Promise.all([allContacts(deps, campaign.id), allResponses(deps, campaign.id)]);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const header = [
    ...['phone', 'name', 'account', 'region', 'language', 'channel', 'complete', 'answered_at'].map((k) => t(`campaigns:export.column.${k}`, { lng: lang })),
    ...q.questions.map((question, i) => `${i + 1}. ${question.text[lang]}`),
  ];
  const rows = responses.map((r) => {
    const c = byId.get(r.contactId);
    return [
      c?.phone ?? '', c?.name ?? '', c?.accountNumber ?? '', c?.region ?? '', r.language, t(`campaigns:export.channel.${r.channel}`, { lng: lang }),
      t(r.complete ? 'campaigns:export.yes' : 'campaigns:export.no', { lng: lang }), time(r.completedAt ?? r.updatedAt),
      ...q.questions.map((question) => answerCell(question, r.answers[question.id], lang)),
    ];
  });
  return { name: t('campaigns:export.sheet.answers', { lng: lang }), header, rows };
}

/** The call-outcome sheet: one row per call. */
export async function outcomesSheet(deps: Pick<Deps, 'contacts' | 'users'>, campaign: Campaign, t: Translate, lang: Language): Promise<Sheet> {
  const contacts = new Map((await allContacts(deps, campaign.id)).map((c) => [c.id, c]));
  const names = new Map<string, string>();
  const rows: SheetCell[][] = [];
  for (let after: string | null = null; ;) {
    const page = await deps.contacts.campaignAttempts(campaign.id, { after, limit: 1000 });
    for (const a of page) {
      if (!names.has(a.agentId)) names.set(a.agentId, (await deps.users.get(a.agentId))?.name ?? a.agentId);
      const c = contacts.get(a.contactId);
      rows.push([
        time(a.endedAt), c?.phone ?? '', c?.name ?? '', names.get(a.agentId)!, t(`campaigns:outcome.${a.outcome}`, { lng: lang }),
        t(a.effective ? 'campaigns:export.yes' : 'campaigns:export.no', { lng: lang }), time(a.callbackAt), a.note ?? '',
      ]);
    }
    if (page.length < 1000) break;
    after = page[page.length - 1]!.id;
  }
  rows.sort((x, y) => String(x[0]).localeCompare(String(y[0])));
  const header = ['ended_at', 'phone', 'name', 'agent', 'outcome', 'effective', 'callback_at', 'note'].map((k) => t(`campaigns:export.column.${k}`, { lng: lang }));
  return { name: t('campaigns:export.sheet.outcomes', { lng: lang }), header, rows };
}

/** The summary sheet: per question the distribution (count and % of those who answered), NPS and CSAT. */
export function summarySheet(q: Questionnaire, respondents: Respondent[], t: Translate, lang: Language, now: Date): Sheet {
  const result = tally(q, respondents, {}, { now });
  const rows: SheetCell[][] = [
    [t('campaigns:results.reached', { lng: lang }), '', result.reached, null],
    [t('campaigns:results.answered', { lng: lang }), '', result.answered, result.responseRate],
    [t('campaigns:results.complete', { lng: lang }), '', result.complete, result.completionRate],
  ];
  for (const x of result.questions) {
    rows.push([`${x.number}. ${x.question.text[lang]}`, t('campaigns:results.answers_count', { lng: lang }), x.answered, null]);
    for (const bar of x.bars) rows.push(['', bar.label[lang], bar.count, x.answered ? Math.round((bar.count / x.answered) * 100) : null]);
    if (x.nps !== null) rows.push(['', 'NPS', x.nps, null]);
    if (x.csat !== null) rows.push(['', 'CSAT', x.csat, null]);
  }
  const header = ['question', 'answer', 'count', 'percent'].map((k) => t(`campaigns:export.column.${k}`, { lng: lang }));
  return { name: t('campaigns:export.sheet.summary', { lng: lang }), header, rows };
}

/** A sheet as CSV text, chunk by chunk. */
export async function* sheetCsv(sheet: Sheet): AsyncGenerator<string> {
  const out = stringify({ bom: true, delimiter: ';', record_delimiter: 'windows' });
  const feed = (async () => {
    out.write(sheet.header.map(neutralise));
    for (const row of sheet.rows) out.write(row.map((cell) => (cell === null ? '' : typeof cell === 'number' ? String(cell) : neutralise(cell))));
    out.end();
  })();
  for await (const chunk of out) yield String(chunk);
  await feed;
}
