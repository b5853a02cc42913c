/**
 * @module A campaign's results page: the segment filter and exports around a live part (re-rendered and pushed by
 * server-sent events): reached / answered / complete with the response and completion rates, the delivery records of a
 * messenger survey as one stacked bar, answers per hour, per question its distribution as bars with NPS or CSAT, and
 * the free-text answers matching the search; the sends whose outcome is unknown, listed for marketing to decide on.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import { DELIVERY_STATES, type CampaignResults, type Segment, type SurveyDelivery } from '../../../core/campaigns/index.ts';
import type { QuotaStatus } from '../../../core/campaigns/index.ts';
import type { Language } from '../../../core/i18n/model.ts';
import { href } from '../../context.ts';
import { formatDateTime } from '../format.ts';
import { BarChart, HourSeries, StackedBar } from './charts.tsx';

const pct = (t: Translate, v: number | null) => (v === null ? '—' : t('campaigns:results.percent', { value: v }));

function Figure({ label, value, sub }: { label: string; value: string | number; sub?: string }) {
  return <div class="figure-card"><span class="muted small">{label}</span><span class="big">{String(value)}</span>{sub ? <span class="small">{sub}</span> : null}</div>;
}

/** The part that updates live. */
export function ResultsLive({ t, lang, results, ambiguous, quota }: {
  t: Translate; lang: Language; results: CampaignResults; ambiguous: SurveyDelivery[]; quota: QuotaStatus | null;
}) {
  const { tally, deliveries, campaign } = results;
  return (
    <div data-results-live>
      <section class="card">
        <div class="results-grid">
          <Figure label={t('campaigns:results.audience')} value={results.audience} />
          <Figure label={t('campaigns:results.reached')} value={tally.reached} />
          <Figure label={t('campaigns:results.answered')} value={tally.answered} sub={`${t('campaigns:results.response_rate')}: ${pct(t, tally.responseRate)}`} />
          <Figure label={t('campaigns:results.complete')} value={tally.complete} sub={`${t('campaigns:results.completion_rate')}: ${pct(t, tally.completionRate)}`} />
        </div>
        {quota && campaign.mode === 'calls' ? <p class="small">{t('campaigns:results.quota', { used: quota.used, cap: quota.settings.cap })}</p> : null}
      </section>
      {deliveries ? (
        <section class="card">
          <h2>{t('campaigns:results.deliveries')}</h2>
          <StackedBar title={t('campaigns:results.deliveries')} parts={DELIVERY_STATES.map((s) => ({ key: s, label: t(`campaigns:delivery_state.${s}`), count: deliveries[s] }))} />
        </section>
      ) : null}
      {tally.perHour.length ? (
        <section class="card">
          <h2>{t('campaigns:results.per_hour')}</h2>
          <HourSeries title={t('campaigns:results.per_hour')} points={tally.perHour} />
        </section>
      ) : null}
      {tally.questions.map((q) => (
        <section class="card question-result">
          <h2>{`${q.number}. ${q.question.text[lang]}`}</h2>
          <p class="muted small">{`${t('campaigns:results.answers_count')}: ${q.answered}`}
            {q.nps !== null ? ` · ${t('campaigns:results.nps')}: ${q.nps}` : ''}
            {q.csat !== null ? ` · ${t('campaigns:results.csat')}: ${pct(t, q.csat)}` : ''}</p>
          {q.bars.length ? (
            <BarChart title={`${q.number}. ${q.question.text[lang]}`} total={q.answered} bars={q.bars.map((b) => ({ label: b.label[lang], count: b.count }))} />
          ) : null}
          {q.question.type === 'text' ? (
            <>
              <p class="small">{t('campaigns:results.texts_found', { count: q.textCount })}</p>
              <ul class="text-answers">{q.texts.map((x) => <li><span class="muted small">{formatDateTime(x.at)}</span> {x.text}</li>)}</ul>
            </>
          ) : null}
          {q.answered === 0 && q.question.type !== 'text' ? <p class="muted">{t('campaigns:results.no_answers')}</p> : null}
        </section>
      ))}
      {ambiguous.length ? (
        <section class="card">
          <h2>{t('campaigns:results.ambiguous')}</h2>
          <p class="small">{t('campaigns:results.ambiguous_help')}</p>
          <ul>{ambiguous.map((d) => <li>{`${d.chatKey.split(':')[0]} · ${formatDateTime(d.updatedAt)} · ${d.error ?? ''}`} <a href={href(`/campaigns/${campaign.id}#contact-${d.contactId}`)}>{d.contactId.slice(0, 8)}</a></li>)}</ul>
        </section>
      ) : null}
    </div>
  );
}

/** The segment filter and the free-text search (a GET form: the page's address says what it shows). */
export function SegmentForm({ t, results, segment, search }: { t: Translate; results: CampaignResults; segment: Segment; search: string }) {
  const select = (name: keyof Segment, values: string[], label: (v: string) => string) => (
    <label>{t(`campaigns:results.${name === 'planId' ? 'plan' : name}`)}
      <select name={name}>
        <option value="">{t('campaigns:results.all')}</option>
        {values.map((v) => <option value={v} selected={segment[name] === v}>{label(v)}</option>)}
      </select>
    </label>
  );
  return (
    <form method="get" class="card segment-form filters">
      <h2>{t('campaigns:results.segment')}</h2>
      {select('region', results.choices.regions, (v) => v)}
      {select('planId', results.choices.plans, (v) => v)}
      {select('channel', results.choices.channels, (v) => t(`campaigns:export.channel.${v}`))}
      {select('language', results.choices.languages, (v) => t(`campaigns:lang.${v}`))}
      <label>{t('campaigns:results.search')}<input type="search" name="q" value={search} maxlength={100} /></label>
      <button type="submit">{t('campaigns:results.apply')}</button>
    </form>
  );
}

export function Exports({ t, campaignId }: { t: Translate; campaignId: string }) {
  const base = href(`/campaigns/${campaignId}/export`);
  const files = [['answers.csv', 'answers_csv'], ['answers.xlsx', 'answers_xlsx'], ['outcomes.csv', 'outcomes_csv'], ['outcomes.xlsx', 'outcomes_xlsx'], ['summary.xlsx', 'summary_xlsx']];
  return (
    <section class="card exports">
      <h2>{t('campaigns:export.title')}</h2>
      <p>{files.map(([file, key]) => <><a href={`${base}/${file}`} download>{t(`campaigns:export.${key}`)}</a>{' '}</>)}</p>
    </section>
  );
}
