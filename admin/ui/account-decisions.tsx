/**
 * @module The account page's parts: the account's facts (status in words, closing date, debt and credit) and the
 * supervisor's decision forms of seed 001 (write-off, reconnection, credit moved on application). Only the forms
 * whose starting status matches are shown; the rule in core still decides on the post.
 */
import { formatMoney } from '../../core/billing/money.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { AccountDecision } from '../../core/accounts/decisions.ts';
import { MAX_DECISION_NOTE } from '../../core/accounts/decisions.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import { Csrf } from './bits.tsx';
import { formatDateTime } from './format.ts';

/** Services a reconnection may connect again (the catalogue's). */
export const RECONNECT_SERVICES = ['megaline', 'phone'] as const;

export function AccountFacts({ t, lang, account, holder, debtTiyn, creditTiyn }: {
  t: Translate; lang: Language; account: PersonalAccount; holder: string | null; debtTiyn: number; creditTiyn: number;
}) {
  return (
    <dl class="facts">
      <dt>{t('admin:accounts.number')}</dt>
      <dd><span class="mono">{account.number}</span> <span class={`badge acc-${account.status}`}>{t(`rules:status.${account.status}`)}</span></dd>
      {holder ? (<><dt>{t('admin:accounts.holder')}</dt><dd>{holder}</dd></>) : null}
      <dt>{t('admin:accounts.address')}</dt>
      <dd>{account.address}</dd>
      <dt>{t('admin:accounts.services')}</dt>
      <dd>{account.services.length ? account.services.map((s) => t(`rules:service.${s}`, { defaultValue: s })).join(', ') : '—'}</dd>
      <dt>{t('admin:accounts.status_since')}</dt>
      <dd>{formatDateTime(account.statusSince)}</dd>
      {account.closedAt ? (<><dt>{t('admin:accounts.closed_at')}</dt><dd>{formatDateTime(account.closedAt)}</dd></>) : null}
      <dt>{t('admin:accounts.debt')}</dt>
      <dd class={debtTiyn > 0 ? 'money owed' : 'money'}>{formatMoney(debtTiyn, lang)}</dd>
      <dt>{t('admin:accounts.credit')}</dt>
      <dd class="money">{formatMoney(creditTiyn, lang)}</dd>
    </dl>
  );
}

function Note({ t }: { t: Translate }) {
  return (
    <label>
      {t('admin:accounts.note')}
      <input type="text" name="note" maxlength={MAX_DECISION_NOTE} required placeholder={t('admin:accounts.note_hint')} />
    </label>
  );
}

/** The decisions that may start from this status (seed 001 statuses 3, 7, 9). */
export function decisionsFor(account: PersonalAccount): AccountDecision[] {
  switch (account.status) {
    case 'closed_doubtful_debt': return ['write_off'];
    case 'closed': return ['reconnect'];
    case 'closed_credit_balance': return ['reconnect', 'archive_credit'];
    default: return [];
  }
}

export function DecisionForm({ t, action, csrf, decision }: { t: Translate; action: string; csrf: string; decision: AccountDecision }) {
  return (
    <form method="post" action={action} class="stack decision" id={`decision-${decision}`}>
      <Csrf token={csrf} />
      <input type="hidden" name="decision" value={decision} />
      <h3>{t(`admin:accounts.decision.${decision}.title`)}</h3>
      <p class="muted small">{t(`admin:accounts.decision.${decision}.rule`)}</p>
      {decision === 'reconnect' ? (
        <fieldset>
          <legend>{t('admin:accounts.services')}</legend>
          {RECONNECT_SERVICES.map((s) => (
            <label class="check"><input type="checkbox" name="services" value={s} /> <span>{t(`rules:service.${s}`)}</span></label>
          ))}
        </fieldset>
      ) : null}
      {decision === 'archive_credit' ? (
        <fieldset>
          <legend>{t('admin:accounts.credit_to')}</legend>
          <label class="check"><input type="radio" name="creditTo" value="card" checked /> <span>{t('admin:accounts.to_card')}</span></label>
          <label class="check"><input type="radio" name="creditTo" value="account" /> <span>{t('admin:accounts.to_account')}</span></label>
          <label>{t('admin:accounts.target')}<input type="text" name="target" inputmode="numeric" maxlength={20} /></label>
        </fieldset>
      ) : null}
      <Note t={t} />
      <button type="submit">{t(`admin:accounts.decision.${decision}.submit`)}</button>
    </form>
  );
}
