/**
 * @module Building blocks of the campaign pages: the quota meter (seed 003 cl. 10), a state badge, kk/ru fields side
 * by side, the launch checklist, the campaign pages' own CSS and JS files, and Almaty date-time fields.
 */
import type { Child } from 'hono/jsx';
import type { Translate } from '../../../core/i18n/i18n.ts';
import type { Permission } from '../../permissions.ts';
import type { CampaignState, LocalizedText, QuotaStatus } from '../../../core/campaigns/index.ts';
import type { Problem } from '../../../core/campaigns/questionnaire-rules.ts';
import { href } from '../../context.ts';
import { ASSET_VERSION } from '../../routes/assets.ts';
import { formatDateInput } from '../format.ts';
import { Notice } from '../bits.tsx';

/** The campaign pages' stylesheet and script (files: the CSP allows nothing inline). */
export function CampaignAssets() {
  return (
    <>
      <link rel="stylesheet" href={href(`/assets/campaigns.css?v=${ASSET_VERSION}`)} />
      <script src={href(`/assets/campaigns.js?v=${ASSET_VERSION}`)} defer></script>
    </>
  );
}

/** `2026-01-01` → `01.01.2026`, as the console writes dates. */
const day = (iso: string) => iso.split('-').reverse().join('.');
const TABS: Array<{ path: string; key: string; needs: Permission }> = [
  { path: '/campaigns', key: 'campaigns', needs: 'campaigns.view' },
  { path: '/campaigns/questionnaires', key: 'questionnaires', needs: 'campaigns.view' },
  { path: '/campaigns/do-not-call', key: 'do_not_call', needs: 'campaigns.do_not_call' },
  { path: '/campaigns/quota', key: 'quota', needs: 'campaigns.quota' },
];

/** The campaign section's tabs (campaigns, questionnaires, do-not-call, quota), those the user may open. */
export function CampaignTabs({ t, can, here }: { t: Translate; can: Set<Permission>; here: string }) {
  return (
    <nav class="tabs" aria-label={t('campaigns:nav.label')}>
      {TABS.filter((tab) => can.has(tab.needs)).map((tab) => (
        <a href={href(tab.path)} aria-current={here === tab.path ? 'page' : undefined}>{t(`campaigns:nav.${tab.key}`)}</a>
      ))}
    </nav>
  );
}

const number = (n: number) => n.toLocaleString('ru-RU').replace(/\u00a0|\s/g, '\u00a0');

/** "4 812 of 5 000 effective calls (3 in progress)", a bar, the period, and what happens at the cap. */
export function QuotaMeter({ t, quota, alerts }: { t: Translate; quota: QuotaStatus; alerts?: Array<{ threshold: number }> }) {
  const level = quota.percent >= 95 ? 'danger' : quota.percent >= 80 ? 'warn' : 'ok';
  const top = Math.max(0, ...(alerts ?? []).map((a) => a.threshold));
  return (
    <section class={`card quota quota-${level}`} data-quota aria-label={t('campaigns:quota.title')}>
      <div class="quota-head">
        <h2>{t('campaigns:quota.title')}</h2>
        <span class="muted small">{t('campaigns:quota.period', { start: day(quota.period.start), end: day(quota.period.end) })}</span>
      </div>
      <p class="quota-figure">
        <strong data-quota-used>{number(quota.used)}</strong> / {number(quota.settings.cap)}{' '}
        <span class="muted small" data-quota-pending>{t('campaigns:quota.pending', { count: quota.pending })}</span>
      </p>
      <meter min={0} max={quota.settings.cap} low={quota.settings.cap * 0.8} high={quota.settings.cap * 0.95} optimum={0} value={quota.used}></meter>
      {top > 0 ? (
        <Notice kind={top >= 95 ? 'error' : 'warn'}>
          {t(top >= 100 ? `campaigns:quota.reached_${quota.settings.mode}` : 'campaigns:quota.alert', { percent: top, left: number(quota.left) })}
        </Notice>
      ) : (
        <p class="muted small">{t(`campaigns:quota.mode_${quota.settings.mode}`)}</p>
      )}
    </section>
  );
}

export function StateBadge({ t, state }: { t: Translate; state: CampaignState }) {
  return <span class={`badge campaign-${state}`}>{t(`campaigns:state.${state}`)}</span>;
}

/** A text field in Kazakh and in Russian, side by side (both are needed before launch). */
export function Localized({ t, name, label, value, rows, disabled }: {
  t: Translate; name: string; label: string; value: LocalizedText; rows?: number; disabled?: boolean;
}) {
  return (
    <fieldset class="localized">
      <legend>{label}</legend>
      {(['kk', 'ru'] as const).map((lang) => (
        <label lang={lang}>
          <span class="lang-tag">{t(`campaigns:lang.${lang}`)}</span>
          {rows ? (
            <textarea name={`${name}_${lang}`} rows={rows} maxlength={1000} disabled={disabled} class={value[lang].trim() ? '' : 'missing'}>{value[lang]}</textarea>
          ) : (
            <input name={`${name}_${lang}`} value={value[lang]} maxlength={1000} disabled={disabled} class={value[lang].trim() ? '' : 'missing'} />
          )}
        </label>
      ))}
    </fieldset>
  );
}

/** One checklist problem in words. */
export function problemText(t: Translate, p: Problem): string {
  const where = typeof p.params.where === 'string' ? t(`campaigns:place.${p.params.where}`, p.params) : '';
  return t(`campaigns:${p.key}`, { ...p.params, place: where });
}

export function Checklist({ t, problems, title }: { t: Translate; problems: Problem[]; title: string }) {
  if (!problems.length) return null;
  return (
    <section class="card checklist" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {problems.map((p) => (
          <li>{problemText(t, p)}</li>
        ))}
      </ul>
    </section>
  );
}

/** A refusal from a use case, as a notice. */
export function Refusal({ t, reason, params }: { t: Translate; reason: string | undefined; params?: Record<string, string | number> }): Child {
  if (!reason) return null;
  return <Notice kind="error">{t(`campaigns:${reason}`, params ?? {})}</Notice>;
}

const ALMATY_MS = 5 * 60 * 60 * 1000;

/** `YYYY-MM-DDTHH:MM` in Almaty time, for `<input type="datetime-local">`. */
export function toLocalInput(at: Date | null): string {
  if (!at) return '';
  return `${formatDateInput(at)}T${new Date(at.getTime() + ALMATY_MS).toISOString().slice(11, 16)}`;
}

/** An Almaty `YYYY-MM-DDTHH:MM` back to an instant; empty → null. */
export function fromLocalInput(value: string | undefined): Date | null {
  if (!value) return null;
  const at = new Date(`${value.length === 16 ? `${value}:00` : value}+05:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

export const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const minutesOf = (v: string) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5));
