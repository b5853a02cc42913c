/**
 * @module One personal account in the console: its facts, its status history from the audit log, and for
 * supervisors the decisions seed 001 leaves to a person (write-off 7 → 8, reconnection 3/9 → current, credit moved
 * on application 9 → archive), each through `decideAccountStatus` (core/accounts/decisions.ts). A refused decision
 * comes back with the rule's reason in the user's language. `GET /accounts` finds an account by its number or by
 * the holder's phone, so a decision never waits for a ticket to link to it.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { decideAccountStatus, DECISIONS, MAX_DECISION_NOTE } from '../../core/accounts/decisions.ts';
import { explain } from '../../core/billing/explain.ts';
import { readPosition } from '../../core/billing/ledger/position.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { actionLabel } from '../audit/describe.tsx';
import { requires } from '../guard.ts';
import { AccountFacts, DecisionForm, decisionsFor, RECONNECT_SERVICES } from '../ui/account-decisions.tsx';
import { EmptyState, Notice } from '../ui/bits.tsx';
import { formatDateTime } from '../ui/format.ts';
import { form } from '../validation.ts';
import { normalizeKzPhone } from '../../core/verification/phone.ts';
import { AccountLookup } from '../ui/account-lookup.tsx';

const decisionForm = z.object({
  decision: z.enum(DECISIONS),
  note: z.string().max(MAX_DECISION_NOTE),
  services: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(RECONNECT_SERVICES))),
  creditTo: z.enum(['card', 'account']).optional(),
  target: z.string().trim().max(20).optional(),
});

export function personalAccountRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { store, clock } = deps;
  const app = new Hono<ConsoleEnv>();

  async function page(c: Context<ConsoleEnv>, notice: { kind: 'ok' | 'error'; text: string } | null) {
    const t = c.get('t');
    const account = await store.accounts.get(c.req.param('id')!);
    if (!account) throw new HTTPException(404, { message: 'no such account' });
    const [subscriber, position, history] = await Promise.all([
      store.subscribers.get(account.subscriberId),
      readPosition(store, account, clock.now()),
      store.audit.list({ entity: 'account', entityId: account.id, limit: 50 }),
    ]);
    const users = new Map((await store.users.list()).map((u) => [u.id, u.name]));
    const decisions = c.get('permissions').has('accounts.decide') ? decisionsFor(account) : [];
    const action = href(`/accounts/${account.id}/decision`);
    return c.render(
      <>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <div class="grid-2">
          <section class="card">
            <h2>{t('admin:accounts.title')}</h2>
            <AccountFacts t={t} lang={c.get('lang')} account={account} holder={subscriber?.fullName ?? null} debtTiyn={position.totals.totalDueTiyn} creditTiyn={position.totals.creditTiyn} />
            <h3>{t('admin:accounts.history')}</h3>
            {history.length === 0 ? <EmptyState title={t('admin:accounts.no_history')} /> : (
              <ul class="plain">
                {history.map((e) => (
                  <li>
                    {formatDateTime(e.at)} · {actionLabel(t, e.action)} · {e.actorId ? users.get(e.actorId) ?? e.actorId : t('admin:audit.system')}
                    {typeof e.details.note === 'string' ? <> · <q>{e.details.note}</q></> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {decisions.length ? (
            <section class="card">
              <h2>{t('admin:accounts.decisions')}</h2>
              {decisions.map((d) => <DecisionForm t={t} action={action} csrf={c.get('csrfToken')} decision={d} />)}
            </section>
          ) : null}
        </div>
      </>,
      { title: `${t('admin:accounts.title')} ${account.number}` },
    );
  }

  /** The accounts a typed account number (digits only) or a holder's phone (any form people type) leads to. */
  async function lookup(query: string) {
    const digits = query.replace(/\D/g, '');
    const byNumber = digits.length >= 6 && digits.length <= 20 ? await store.accounts.findByNumber(digits) : null;
    if (byNumber) return [byNumber];
    const phone = normalizeKzPhone(query);
    const holder = phone.ok ? await store.subscribers.findByPhone(phone.value) : null;
    return holder ? store.accounts.listBySubscriber(holder.id) : [];
  }

  app.get('/', requires('subscribers.view'), async (c) => {
    const t = c.get('t');
    const query = (c.req.query('q') ?? '').trim().slice(0, 40);
    const found = query ? await lookup(query) : [];
    if (found.length === 1) return c.redirect(href(`/accounts/${found[0]!.id}`), 303);
    return c.render(<AccountLookup t={t} query={query} found={found} />, { title: t('admin:accounts.find.title') });
  });

  app.get('/:id', requires('subscribers.view'), async (c) => {
    const done = DECISIONS.find((d) => d === c.req.query('done'));
    return page(c, done ? { kind: 'ok', text: c.get('t')(`admin:accounts.decision.${done}.done`) } : null);
  });

  app.post('/:id/decision', requires('accounts.decide'), form(decisionForm), async (c) => {
    const v = c.req.valid('form');
    const id = c.req.param('id');
    if (!(await store.accounts.get(id))) throw new HTTPException(404, { message: 'no such account' });
    const result = await decideAccountStatus(
      { accounts: store.accounts, billing: store.billing, audit: store.audit, clock, logger: deps.logger },
      {
        accountId: id, decision: v.decision, by: c.get('user')!.id, note: v.note, services: v.services,
        ...(v.creditTo ? { creditTo: v.creditTo === 'card' ? { kind: 'card' as const } : { kind: 'account' as const, number: v.target ?? '' } } : {}),
      },
    );
    if (result.ok) return c.redirect(`${href(`/accounts/${id}`)}?done=${v.decision}`, 303);
    c.status(422);
    return page(c, { kind: 'error', text: explain(result, c.get('lang')) });
  });

  return app;
}
