/**
 * @module The two ways to give a campaign its audience: upload a call list (CSV or XLSX, the encoding chosen or left to
 * the import, the sample file to start from) or take a segment of the subscribers in the store.
 */
import type { Translate } from '../../../core/i18n/i18n.ts';
import { ACCOUNT_STATUSES } from '../../../core/accounts/status.ts';
import type { Campaign } from '../../../core/campaigns/index.ts';
import type { Plan } from '../../../core/billing/model.ts';
import { MAX_ROWS } from '../../../core/campaigns/import/limits.ts';
import { href } from '../../context.ts';
import { Csrf } from '../bits.tsx';

function Checks({ t, legend, name, options }: { t: Translate; legend: string; name: string; options: Array<[string, string]> }) {
  return (
    <fieldset class="checks">
      <legend>{legend}</legend>
      {options.length ? options.map(([value, label]) => (
        <label class="check"><input type="checkbox" name={name} value={value} /><span>{label}</span></label>
      )) : <p class="muted small">{t('campaigns:segment.none')}</p>}
    </fieldset>
  );
}

export function AudienceForms({ t, campaign, regions, plans, csrf, maxBytes }: {
  t: Translate; campaign: Campaign; regions: string[]; plans: Plan[]; csrf: string; maxBytes: number;
}) {
  const mb = Math.floor(maxBytes / 1024 / 1024);
  const base = href(`/campaigns/${campaign.id}/audience`);
  return (
    <>
    <p><a href={href(`/campaigns/${campaign.id}`)}>← {campaign.name}</a></p>
    <div class="grid-2">
      <form method="post" action={`${base}/file`} enctype="multipart/form-data" class="card stack" data-upload data-max-bytes={String(maxBytes)} data-too-big={t('campaigns:import.error.too_big', { max: mb })}>
        <Csrf token={csrf} />
        <h2>{t('campaigns:upload.title')}</h2>
        <p class="muted small">{t('campaigns:upload.hint', { rows: MAX_ROWS.toLocaleString('ru-RU'), mb })}</p>
        <p class="small">
          {t('campaigns:upload.columns')} <a href={href('/campaigns/sample.csv')} download>{t('campaigns:upload.sample')}</a>
        </p>
        <label>{t('campaigns:upload.file')}<input type="file" name="file" required accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" /></label>
        <label>
          {t('campaigns:upload.encoding')}
          <select name="encoding">
            <option value="auto">{t('campaigns:upload.encoding_auto')}</option>
            <option value="utf-8">UTF-8</option>
            <option value="windows-1251">Windows-1251</option>
          </select>
        </label>
        <p class="muted small" data-upload-error role="alert" hidden></p>
        <div><button type="submit">{t('campaigns:upload.submit')}</button></div>
      </form>
      <form method="post" action={`${base}/segment`} class="card stack">
        <Csrf token={csrf} />
        <h2>{t('campaigns:segment.title')}</h2>
        <p class="muted small">{t('campaigns:segment.hint')}</p>
        <Checks t={t} legend={t('campaigns:segment.regions')} name="regions" options={regions.map((r) => [r, r])} />
        <Checks t={t} legend={t('campaigns:segment.plans')} name="plans" options={plans.map((p) => [p.id, p.name])} />
        <Checks t={t} legend={t('campaigns:segment.statuses')} name="statuses" options={ACCOUNT_STATUSES.map((s) => [s, t(`rules:status.${s}`)])} />
        <Checks t={t} legend={t('campaigns:segment.categories')} name="categories" options={[['individual', t('campaigns:segment.individual')], ['entrepreneur', t('campaigns:segment.entrepreneur')]]} />
        <Checks t={t} legend={t('campaigns:segment.channels')} name="channels" options={(['telegram', 'whatsapp', 'webchat'] as const).map((ch) => [ch, t(`tickets:channel.${ch}`)])} />
        <Checks t={t} legend={t('campaigns:segment.languages')} name="languages" options={[['kk', t('campaigns:lang.kk')], ['ru', t('campaigns:lang.ru')]]} />
        <div><button type="submit" class="secondary">{t('campaigns:segment.submit')}</button></div>
      </form>
    </div>
    </>
  );
}
