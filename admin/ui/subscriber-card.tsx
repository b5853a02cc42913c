/**
 * @module The subscriber card beside a ticket: who wrote, their personal accounts with statuses (seed 001) and,
 * when billing answers, balance and amount due; their other open tickets. Billing being down is shown, not hidden.
 */
import type { AccountSummary, Balance, BillingPort } from '../../core/billing/port.ts';
import { formatMoney } from '../../core/billing/money.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import type { Language } from '../../core/i18n/model.ts';
import type { AccountRepository } from '../../core/accounts/repository.ts';
import type { SubscriberRepository } from '../../core/subscribers/repository.ts';
import type { Subscriber } from '../../core/subscribers/model.ts';
import { formatTicketNumber, type Ticket, type Tickets } from '../../core/tickets/index.ts';
import { href } from '../context.ts';
import { EmptyState, Notice } from './bits.tsx';

export interface SubscriberFacts {
  subscriber: Subscriber | null;
  accounts: Array<{ account: PersonalAccount; balance: Balance | null }>;
  billingDown: boolean;
  otherTickets: Ticket[];
}

/** Gathers the card's data; balances only when a billing port is configured. */
export async function subscriberFacts(
  deps: { store: { subscribers: SubscriberRepository; accounts: AccountRepository }; tickets: Tickets; billing?: BillingPort },
  ticket: Ticket,
): Promise<SubscriberFacts> {
  if (!ticket.subscriberId) return { subscriber: null, accounts: [], billingDown: false, otherTickets: [] };
  const [subscriber, accounts, open] = await Promise.all([
    deps.store.subscribers.get(ticket.subscriberId),
    deps.store.accounts.listBySubscriber(ticket.subscriberId),
    deps.tickets.activeForSubscriber(ticket.subscriberId, 6),
  ]);
  let billingDown = false;
  const withBalances = await Promise.all(
    accounts.map(async (account) => {
      if (!deps.billing) return { account, balance: null };
      try {
        return { account, balance: await deps.billing.getBalance(account.number) };
      } catch {
        billingDown = true;
        return { account, balance: null };
      }
    }),
  );
  return { subscriber, accounts: withBalances, billingDown, otherTickets: open.filter((t) => t.id !== ticket.id).slice(0, 5) };
}

function AccountRow({ t, lang, account, balance }: { t: Translate; lang: Language; account: PersonalAccount; balance: Balance | null }) {
  const summary: Pick<AccountSummary, 'planName'> | null = balance;
  return (
    <li class="account">
      <div class="account-head">
        <a class="mono" href={href(`/accounts/${account.id}`)}>{account.number}</a>
        <span class={`badge acc-${account.status}`}>{t(`rules:status.${account.status}`)}</span>
      </div>
      <div class="muted small">{account.address}</div>
      <div class="small">
        {account.services.map((s) => t(`rules:service.${s}`, { defaultValue: s })).join(', ')}
        {summary?.planName ? ` · ${summary.planName}` : ''}
      </div>
      {balance ? (
        <dl class="facts compact">
          <dt>{t('admin:subscriber.due')}</dt>
          <dd class={balance.totalDueTiyn > 0 ? 'money owed' : 'money'}>{formatMoney(balance.totalDueTiyn, lang)}</dd>
          {balance.overdueDebtTiyn > 0 ? (
            <>
              <dt>{t('admin:subscriber.overdue')}</dt>
              <dd class="money owed">{formatMoney(balance.overdueDebtTiyn, lang)}</dd>
            </>
          ) : null}
          {balance.creditTiyn > 0 ? (
            <>
              <dt>{t('admin:subscriber.credit')}</dt>
              <dd class="money">{formatMoney(balance.creditTiyn, lang)}</dd>
            </>
          ) : null}
          {balance.dueDate ? (
            <>
              <dt>{t('admin:subscriber.due_date')}</dt>
              <dd>{balance.dueDate.split('-').reverse().join('.')}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </li>
  );
}

export function SubscriberCard({ t, lang, facts, ticket }: { t: Translate; lang: Language; facts: SubscriberFacts; ticket: Ticket }) {
  if (!facts.subscriber) {
    return (
      <section class="card">
        <h2>{t('admin:subscriber.title')}</h2>
        <EmptyState title={t('admin:subscriber.unverified')}>
          {ticket.phone ? t('admin:subscriber.phone_only', { phone: ticket.phone }) : t('admin:subscriber.unverified_hint')}
        </EmptyState>
      </section>
    );
  }
  const s = facts.subscriber;
  return (
    <section class="card subscriber">
      <h2>{t('admin:subscriber.title')}</h2>
      <p class="subscriber-name">
        <strong>{s.fullName}</strong>
        <br />
        <span class="mono">{s.phone}</span>
        <span class="muted small"> · {t(`admin:subscriber.category.${s.category}`)}</span>
      </p>
      {facts.billingDown ? <Notice kind="warn">{t('rules:billing.unavailable')}</Notice> : null}
      {facts.accounts.length === 0 ? (
        <p class="muted">{t('admin:subscriber.no_accounts')}</p>
      ) : (
        <ul class="accounts">
          {facts.accounts.map(({ account, balance }) => (
            <AccountRow t={t} lang={lang} account={account} balance={balance} />
          ))}
        </ul>
      )}
      {facts.otherTickets.length ? (
        <>
          <h3>{t('admin:subscriber.other_tickets')}</h3>
          <ul class="plain">
            {facts.otherTickets.map((o) => (
              <li>
                <a href={href(`/tickets/${o.id}`)}>{formatTicketNumber(o.number)}</a> · {t(`tickets:type.${o.type}`)} · {t(`tickets:status.${o.status}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
