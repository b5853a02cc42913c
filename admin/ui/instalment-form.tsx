/**
 * @module The instalment agreement page's parts (seed 001 status 6; cl. 12 para 3): the request's facts and the debt
 * it covers, the schedule form (up to 12 rows of a date and an amount, a draft of equal monthly parts to start from),
 * and a concluded agreement's schedule, read-only. Everything typed by people is shown as text (JSX escapes it).
 */
import { formatDate } from '../../core/billing/explain.ts';
import { formatMoney } from '../../core/billing/money.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { InstalmentAgreement } from '../../core/instalments/model.ts';
import { MAX_INSTALMENT_PARTS } from '../../core/instalments/rules.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import { Csrf } from './bits.tsx';
import { formatDateTime } from './format.ts';

/** One typed row of the form, as the agent left it (shown back after a refusal). */
export interface PartRow {
  date: string;
  amount: string;
}

/** Tiyn as an agent types tenge: `349440` → `3494,40`. */
export const tengeInput = (tiyn: number): string => `${Math.floor(tiyn / 100)},${String(tiyn % 100).padStart(2, '0')}`;

export function InstalmentFacts({ t, lang, account, agreement, debtTiyn, holder }: {
  t: Translate; lang: Language; account: PersonalAccount; agreement: InstalmentAgreement; debtTiyn: number; holder: string | null;
}) {
  return (
    <dl class="facts">
      <dt>{t('admin:instalment.account')}</dt>
      <dd><span class="mono">{account.number}</span> <span class={`badge acc-${account.status}`}>{t(`rules:status.${account.status}`)}</span></dd>
      {holder ? (<><dt>{t('admin:instalment.holder')}</dt><dd>{holder}</dd></>) : null}
      <dt>{t('admin:instalment.requested')}</dt>
      <dd>{formatDateTime(agreement.requestedAt)}</dd>
      <dt>{t('admin:instalment.state')}</dt>
      <dd>{t(`admin:instalment.status.${agreement.status}`)}</dd>
      <dt>{agreement.status === 'requested' ? t('admin:instalment.debt_now') : t('admin:instalment.debt_covered')}</dt>
      <dd class="money owed" data-debt={agreement.status === 'requested' ? debtTiyn : agreement.debtTiyn}>
        {formatMoney(agreement.status === 'requested' ? debtTiyn : agreement.debtTiyn, lang)}
      </dd>
    </dl>
  );
}

export function ScheduleTable({ t, lang, agreement }: { t: Translate; lang: Language; agreement: InstalmentAgreement }) {
  return (
    <table class="table">
      <thead><tr><th>#</th><th>{t('admin:instalment.date')}</th><th>{t('admin:instalment.amount')}</th></tr></thead>
      <tbody>
        {agreement.parts.map((p, i) => (
          <tr><td>{i + 1}</td><td>{formatDate(p.dueDate, lang)}</td><td class="money">{formatMoney(p.amountTiyn, lang)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}

export function DraftForm({ t, action, count }: { t: Translate; action: string; count: number }) {
  return (
    <form method="get" action={action} class="inline-form">
      <label>
        {t('admin:instalment.draft_parts')}
        <input type="number" name="parts" min={1} max={MAX_INSTALMENT_PARTS} value={String(count)} />
      </label>
      <button type="submit" class="secondary">{t('admin:instalment.draft')}</button>
    </form>
  );
}

export function ScheduleForm({ t, action, csrf, agreementId, rows }: { t: Translate; action: string; csrf: string; agreementId: string; rows: PartRow[] }) {
  const all = Array.from({ length: MAX_INSTALMENT_PARTS }, (_, i) => rows[i] ?? { date: '', amount: '' });
  return (
    <form method="post" action={action} class="stack" id="schedule">
      <Csrf token={csrf} />
      <input type="hidden" name="agreement" value={agreementId} />
      <p class="muted small">{t('admin:instalment.rules', { max: MAX_INSTALMENT_PARTS })}</p>
      <table class="table schedule">
        <thead><tr><th>#</th><th>{t('admin:instalment.date')}</th><th>{t('admin:instalment.amount_tenge')}</th></tr></thead>
        <tbody>
          {all.map((row, i) => (
            <tr>
              <td>{i + 1}</td>
              <td><input type="date" name={`date${i + 1}`} value={row.date} aria-label={`${t('admin:instalment.date')} ${i + 1}`} /></td>
              <td><input type="text" inputmode="decimal" name={`amount${i + 1}`} value={row.amount} maxlength={20} aria-label={`${t('admin:instalment.amount_tenge')} ${i + 1}`} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit">{t('admin:instalment.conclude')}</button>
    </form>
  );
}
