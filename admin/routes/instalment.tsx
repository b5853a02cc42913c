/**
 * @module The instalment agreement of a ticket's request (seed 001 status 6: restored "when … an instalment agreement
 * is signed; the status then returns to current"; cl. 12 para 3): an agent or a supervisor opens the subscriber's
 * request from the ticket, sees the debt it covers, types the schedule (at most 12 parts, adding up to the debt, on
 * working days of the business calendar) and concludes it through `concludeAgreement`, which moves the account,
 * opens the 3-hour restoration (cl. 31(13)), writes the audit log and has the subscriber told in their chat.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { explain } from '../../core/billing/explain.ts';
import { almatyDate, holidayDates } from '../../core/billing/calendar.ts';
import { concludeAgreement, debtToCover } from '../../core/instalments/agreements.ts';
import type { InstalmentPart } from '../../core/instalments/model.ts';
import { MAX_INSTALMENT_PARTS } from '../../core/instalments/rules.ts';
import { suggestSchedule } from '../../core/instalments/suggest.ts';
import { parseAmount } from '../../core/selfservice/amount.ts';
import { loadSlaPolicy } from '../../core/sla/policy.ts';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { appendActivity } from '../../core/tickets/deps.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { EmptyState, Notice } from '../ui/bits.tsx';
import { DraftForm, InstalmentFacts, ScheduleForm, ScheduleTable, tengeInput, type PartRow } from '../ui/instalment-form.tsx';
import { form } from '../validation.ts';

const cell = z.string().trim().max(20).optional();
/** `agreement`, then `date1`/`amount1` … `date12`/`amount12`. */
const cells: Record<string, typeof cell> = Object.fromEntries(
  Array.from({ length: MAX_INSTALMENT_PARTS }, (_, i) => [[`date${i + 1}`, cell], [`amount${i + 1}`, cell]] as const).flat(),
);
const scheduleForm = z.object({ agreement: z.uuid(), ...cells });

/** The rows typed, in order, without the empty ones. */
function typedRows(values: Record<string, string | undefined>): PartRow[] {
  const rows: PartRow[] = [];
  for (let i = 1; i <= MAX_INSTALMENT_PARTS; i += 1) {
    const date = values[`date${i}`] ?? '';
    const amount = values[`amount${i}`] ?? '';
    if (date || amount) rows.push({ date, amount });
  }
  return rows;
}

/** The rows as parts, or the first row that is not a date and an amount of tenge. */
function toParts(rows: PartRow[]): { ok: true; parts: InstalmentPart[] } | { ok: false; reason: string } {
  const parts: InstalmentPart[] = [];
  for (const row of rows) {
    const amount = parseAmount(row.amount);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date) || !amount.ok) return { ok: false, reason: 'rules:instalment.badPart' };
    parts.push({ dueDate: row.date, amountTiyn: amount.value });
  }
  return { ok: true, parts };
}

export function instalmentRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { store, clock } = deps;
  const app = new Hono<ConsoleEnv>();
  const holidays = async () => (await loadSlaPolicy(store, deps.config)).calendar.holidays;

  /** The ticket, its account and the account's newest agreement. */
  async function load(ticketId: string) {
    const ticket = await store.tickets.get(ticketId);
    if (!ticket) throw new HTTPException(404, { message: 'no such ticket' });
    const account = ticket.accountId ? await store.accounts.get(ticket.accountId) : null;
    const agreement = account ? ((await store.instalments.listByAccount(account.id))[0] ?? null) : null;
    return { ticket, account, agreement };
  }

  async function page(c: Context<ConsoleEnv>, notice: { kind: 'ok' | 'error'; text: string } | null, rows?: PartRow[]) {
    const t = c.get('t');
    const lang = c.get('lang');
    const { ticket, account, agreement } = await load(c.req.param('id')!);
    const action = href(`/tickets/${ticket.id}/instalment`);
    const title = `${t('admin:instalment.title')} · ${formatTicketNumber(ticket.number)}`;
    if (!account || !agreement) {
      return c.render(<section class="card"><h2>{t('admin:instalment.title')}</h2><EmptyState title={t('admin:instalment.none')} /></section>, { title });
    }
    const now = clock.now();
    const debt = agreement.status === 'requested' ? await debtToCover(store, account, now) : agreement.debtTiyn;
    const subscriber = await store.subscribers.get(account.subscriberId);
    const count = Math.max(1, Math.min(MAX_INSTALMENT_PARTS, Number(c.req.query('parts') ?? 3) || 3));
    const draft = rows ?? suggestSchedule(debt, count, almatyDate(now), holidayDates(await holidays())).map((p) => ({ date: p.dueDate, amount: tengeInput(p.amountTiyn) }));
    const mayConclude = c.get('permissions').has('instalments.conclude') && agreement.status === 'requested' && debt > 0;
    return c.render(
      <>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <div class="grid-2">
          <section class="card">
            <h2>{t('admin:instalment.title')}</h2>
            <p><a href={href(`/tickets/${ticket.id}`)}>{formatTicketNumber(ticket.number)}</a></p>
            <InstalmentFacts t={t} lang={lang} account={account} agreement={agreement} debtTiyn={debt} holder={subscriber?.fullName ?? null} />
            {agreement.status === 'requested' ? <p class="muted small">{t('admin:instalment.until_concluded')}</p> : null}
          </section>
          <section class="card">
            <h2>{t('admin:instalment.schedule')}</h2>
            {agreement.status !== 'requested' ? <ScheduleTable t={t} lang={lang} agreement={agreement} /> : null}
            {mayConclude ? (
              <>
                <DraftForm t={t} action={action} count={count} />
                <ScheduleForm t={t} action={action} csrf={c.get('csrfToken')} agreementId={agreement.id} rows={draft} />
              </>
            ) : null}
            {agreement.status === 'requested' && debt <= 0 ? <p class="muted">{t('rules:instalment.noOverdueDebt')}</p> : null}
          </section>
        </div>
      </>,
      { title },
    );
  }

  app.get('/:id/instalment', requires('instalments.conclude'), async (c) => {
    const done = c.req.query('done') === 'concluded';
    return page(c, done ? { kind: 'ok', text: c.get('t')('admin:instalment.concluded') } : null);
  });

  app.post('/:id/instalment', requires('instalments.conclude'), form(scheduleForm), async (c) => {
    const values = c.req.valid('form');
    const { ticket, agreement } = await load(c.req.param('id'));
    if (!agreement || agreement.id !== values.agreement) throw new HTTPException(404, { message: 'no such instalment request' });
    const rows = typedRows(values);
    const parsed = toParts(rows);
    const result = parsed.ok
      ? await concludeAgreement(
        { store, clock, logger: deps.logger, events: deps.domainEvents ?? deps.events, holidays },
        { agreementId: agreement.id, parts: parsed.parts, by: c.get('user')!.id, ticket: { id: ticket.id, chatKey: ticket.chatKey } },
      )
      : ({ ok: false, reason: parsed.reason } as const);
    if (result.ok) {
      // The ticket's transcript shows the conclusion where the request was made.
      await appendActivity(deps.tickets.deps, ticket, 'tickets:activity.instalment_concluded', { parts: result.value.agreement.parts.length });
      return c.redirect(`${href(`/tickets/${ticket.id}/instalment`)}?done=concluded`, 303);
    }
    c.status(422);
    return page(c, { kind: 'error', text: explain(result, c.get('lang')) }, rows);
  });

  return app;
}
