/**
 * @module The MongoDB store's filters, checked without a server: each is cast against its schema by mongoose (a
 * misspelt field throws, `strictQuery: 'throw'`) and evaluated on sample documents with MongoDB's query semantics,
 * so "who may claim this job", "which tickets are in this queue" are answered the same as in the SQLite store.
 */
import { describe, expect, it } from 'vitest';
import { accountsSpec, transitionFilter } from '../../core/store/mongo/people.ts';
import { auditQuery, auditSpec, userPatch } from '../../core/store/mongo/console.ts';
import { claimFilter, dueJobsFilter, jobsSpec, leasesSpec, leaseTakeFilter } from '../../core/store/mongo/machinery.ts';
import { attemptFilter, olderOpenFilter, otpSpec, smsClaimFilter, smsListFilter, smsSpec } from '../../core/store/mongo/verification.ts';
import { paymentsSpec, settleFilter, settleUpdate } from '../../core/store/mongo/payments.ts';
import { queueFilter, queueHint, ticketPatchSet, ticketsSpec } from '../../core/store/mongo/tickets.ts';
import { activeOutagesFilter, dueOrdersFilter, outagesSpec, planChangesSpec } from '../../core/store/mongo/billing.ts';
import { chatWindowFilter, conversationMessagesSpec } from '../../core/store/mongo/conversations.ts';
import type { TicketQuery } from '../../core/tickets/model.ts';
import { offlineConnection, offlineModel, select } from './mongo-offline.ts';

const conn = offlineConnection();
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 10, 6, minutes));
const ids = (docs: Array<{ _id: unknown }>) => docs.map((d) => d._id);

describe('jobs: due scan and claims (multi-instance safety)', () => {
  const Job = offlineModel(conn, jobsSpec);
  const job = (id: string, over: Record<string, unknown>) => ({ _id: id, pending: true, dueAt: at(0), claimedUntil: null, doneAt: null, ...over });
  const jobs = [
    job('free', {}),
    job('future', { dueAt: at(10) }),
    job('claimed', { claimedBy: 'other', claimedUntil: at(6) }),
    job('lease-ran-out', { claimedBy: 'crashed', claimedUntil: at(5) }),
    job('done', { pending: false, doneAt: at(1) }),
  ];

  it('Should scan only pending jobs that are due and not held by a live claim', () => {
    expect(ids(select(Job, dueJobsFilter(at(5)), jobs))).toEqual(['free', 'lease-ran-out']);
  });

  it('Should let a claim match a job only while nobody else holds it', () => {
    expect(select(Job, claimFilter('claimed', at(5)), jobs)).toEqual([]);
    expect(ids(select(Job, claimFilter('claimed', at(6)), jobs))).toEqual(['claimed']);
    expect(select(Job, claimFilter('done', at(5)), jobs)).toEqual([]);
  });
});

describe('leases: one WhatsApp session owner', () => {
  const Lease = offlineModel(conn, leasesSpec);
  const leases = [{ _id: 'whatsapp', owner: 'i1', until: at(10) }];

  it('Should let the holder renew, and another instance take it only after it expires', () => {
    expect(select(Lease, leaseTakeFilter('whatsapp', 'i1', at(0)), leases)).toHaveLength(1);
    expect(select(Lease, leaseTakeFilter('whatsapp', 'i2', at(9)), leases)).toHaveLength(0);
    expect(select(Lease, leaseTakeFilter('whatsapp', 'i2', at(10)), leases)).toHaveLength(1);
  });
});

describe('accounts, payments, one-time codes, SMS', () => {
  it('Should move an account only from the expected status, stamping closedAt only once', () => {
    const Account = offlineModel(conn, accountsSpec);
    const docs = [{ _id: 'a', status: 'overdue', closedAt: null }, { _id: 'b', status: 'overdue', closedAt: at(0) }];
    expect(ids(select(Account, transitionFilter('a', 'overdue', true), docs))).toEqual(['a']);
    expect(select(Account, transitionFilter('b', 'overdue', true), docs)).toEqual([]);
    expect(ids(select(Account, transitionFilter('b', 'overdue', false), docs))).toEqual(['b']);
    expect(select(Account, transitionFilter('a', 'current', false), docs)).toEqual([]);
  });

  it('Should settle created → paid/declined and declined → paid, never a paid one nor another gateway id', () => {
    const Payment = offlineModel(conn, paymentsSpec);
    const docs = [
      { _id: 'created', status: 'created', gatewayPaymentId: null },
      { _id: 'declined', status: 'declined', gatewayPaymentId: 'g1' },
      { _id: 'paid', status: 'paid', gatewayPaymentId: 'g1' },
      { _id: 'bound', status: 'created', gatewayPaymentId: 'g2' },
    ];
    const paid = { status: 'paid' as const, gatewayPaymentId: 'g1', at: at(1), failureReason: null };
    const declined = { ...paid, status: 'declined' as const, failureReason: 'insufficient funds' };
    const settleable = (outcome: typeof paid | typeof declined) =>
      docs.filter((d) => select(Payment, settleFilter(d._id, outcome), docs).length === 1).map((d) => d._id);
    expect(settleable(paid)).toEqual(['created', 'declined']);
    expect(settleable(declined)).toEqual(['created']);
    expect(settleUpdate(paid).$set).toMatchObject({ paidAt: at(1) });
    expect(settleUpdate(declined).$set).not.toHaveProperty('paidAt');
  });

  it('Should count a try only while the code is open, unused, unexpired and under the limit', () => {
    const Otp = offlineModel(conn, otpSpec);
    const c = { _id: 'c', closedAt: null, consumedAt: null, expiresAt: at(5), attempts: 4 };
    expect(select(Otp, attemptFilter('c', at(4), 5), [c])).toHaveLength(1);
    expect(select(Otp, attemptFilter('c', at(5), 5), [c])).toHaveLength(0);
    expect(select(Otp, attemptFilter('c', at(4), 4), [c])).toHaveLength(0);
    expect(select(Otp, attemptFilter('c', at(4), 5), [{ ...c, consumedAt: at(3) }])).toHaveLength(0);
  });

  it('Should close only the older open challenges of the chat and purpose when a new one is issued', () => {
    const Otp = offlineModel(conn, otpSpec);
    const base = { chatKey: 'telegram:1', purpose: 'verify', closedAt: null };
    const docs = [
      { _id: 'old', ...base, createdAt: at(0), seq: 1 },
      { _id: 'same-ms-older', ...base, createdAt: at(2), seq: 2 },
      { _id: 'new', ...base, createdAt: at(2), seq: 3 },
      { _id: 'racing-newer', ...base, createdAt: at(2), seq: 4 },
      { _id: 'other-purpose', ...base, purpose: 'sign', createdAt: at(0), seq: 5 },
    ];
    expect(ids(select(Otp, olderOpenFilter({ chatKey: 'telegram:1', purpose: 'verify', createdAt: at(2) }, 3), docs)))
      .toEqual(['old', 'same-ms-older']);
  });

  it('Should claim a queued SMS only when due and not held by another attempt', () => {
    const Sms = offlineModel(conn, smsSpec);
    const m = { _id: 'm', status: 'queued', nextAttemptAt: null, leasedUntil: null };
    expect(select(Sms, smsClaimFilter('m', at(0)), [m])).toHaveLength(1);
    expect(select(Sms, smsClaimFilter('m', at(0)), [{ ...m, nextAttemptAt: at(1) }])).toHaveLength(0);
    expect(select(Sms, smsClaimFilter('m', at(1)), [{ ...m, leasedUntil: at(2) }])).toHaveLength(0);
    expect(select(Sms, smsClaimFilter('m', at(2)), [{ ...m, leasedUntil: at(2) }])).toHaveLength(1);
    expect(select(Sms, smsClaimFilter('m', at(0)), [{ ...m, status: 'sent' }])).toHaveLength(0);
    expect(smsListFilter({})).toEqual({});
    expect(smsListFilter({ status: 'failed', before: at(1) })).toEqual({ status: 'failed', createdAt: { $lt: at(1) } });
  });
});

describe('console queues and audit filters', () => {
  const Ticket = offlineModel(conn, ticketsSpec);
  const t = (n: number, over: Record<string, unknown>) => ({
    _id: `t${n}`, number: n, status: 'open', active: true, line: 1, breached: false, assigneeId: null, type: 'technical',
    channel: 'telegram', region: 'Алматы', service: 'megaline', phone: '+77011234567', createdAt: at(n), ...over,
  });
  const tickets = [
    t(1, { assigneeId: 'u1' }),
    t(2, { line: 2, status: 'escalated' }),
    t(3, { breached: true, line: 2 }),
    t(4, { status: 'resolved', active: false, assigneeId: 'u1' }),
    t(5, { channel: 'webchat', phone: null }),
  ];
  const queue = (q: Partial<TicketQuery>) =>
    select(Ticket, queueFilter({ queue: 'all', limit: 10, ...q } as TicketQuery), tickets).map((d) => d.number).sort((a, b) => b - a);

  it.each([
    ['mine', { queue: 'mine', userId: 'u1' }, [1]],
    ['mine, resolved ones', { queue: 'mine', userId: 'u1', status: 'resolved' }, [4]],
    ['unassigned', { queue: 'unassigned' }, [5, 3, 2]],
    ['second line', { queue: 'second_line' }, [3, 2]],
    ['breached', { queue: 'breached' }, [3]],
    ['all', { queue: 'all' }, [5, 4, 3, 2, 1]],
    ['all from the web chat', { queue: 'all', channel: 'webchat' }, [5]],
    ['all registered in a time window', { queue: 'all', from: at(2), to: at(4) }, [3, 2]],
    ['all by number', { queue: 'all', number: 3 }, [3]],
    ['all by phone', { queue: 'all', phone: '+77011234567' }, [4, 3, 2, 1]],
    ['all after the cursor', { queue: 'all', cursor: '3' }, [2, 1]],
    ['all by number past the cursor', { queue: 'all', number: 3, cursor: '3' }, []],
  ] as const)('Should list the %s queue like the SQLite store', (_name, q, expected) => {
    expect(queue(q as Partial<TicketQuery>)).toEqual(expected);
  });

  it('Should walk the mine queue down its own index unless a number or phone search is sharper', () => {
    const indexed = ticketsSpec.schema.indexes().map(([keys]) => JSON.stringify(keys));
    expect(indexed).toContain(JSON.stringify(queueHint({ queue: 'mine', userId: 'u1', limit: 10 })));
    expect(queueHint({ queue: 'mine', userId: 'u1', number: 3, limit: 10 })).toBeNull();
    expect(queueHint({ queue: 'all', limit: 10 })).toBeNull();
  });

  it('Should keep `active` in step with the status on every ticket change, and ignore unknown patch fields', () => {
    expect(ticketPatchSet({ status: 'resolved', updatedAt: at(1), bogus: 1, number: 9 })).toEqual({ status: 'resolved', active: false, updatedAt: at(1) });
    expect(ticketPatchSet({ assigneeId: null, comment: undefined })).toEqual({ assigneeId: null });
  });

  it('Should filter the audit log by actor, action, entity and a half-open time window', () => {
    const Audit = offlineModel(conn, auditSpec);
    const entries = [0, 1, 2, 3].map((i) => ({ _id: `a${i}`, actorId: 'u1', action: i % 2 ? 'user.created' : 'ticket.taken', entity: 'ticket', entityId: 't1', at: at(i) }));
    expect(ids(select(Audit, auditQuery({ action: 'user.created' }), entries))).toEqual(['a1', 'a3']);
    expect(ids(select(Audit, auditQuery({ from: at(1), to: at(3) }), entries))).toEqual(['a1', 'a2']);
    expect(ids(select(Audit, auditQuery({ to: at(3), before: at(2) }), entries))).toEqual(['a0', 'a1']);
  });

  it('Should keep the lower-cased e-mail key with every e-mail change', () => {
    expect(userPatch({ email: 'Boss@Example.KZ', failedLogins: 0, lockedUntil: undefined })).toEqual({ email: 'Boss@Example.KZ', emailKey: 'boss@example.kz', failedLogins: 0 });
  });
});

describe('billing and outages', () => {
  it('Should find orders that are not applied and effective by the date', () => {
    const PlanChange = offlineModel(conn, planChangesSpec);
    const docs = [
      { _id: 'due', appliedAt: null, effectiveDate: '2026-04-01' },
      { _id: 'later', appliedAt: null, effectiveDate: '2026-04-02' },
      { _id: 'applied', appliedAt: at(0), effectiveDate: '2026-03-01' },
    ];
    expect(ids(select(PlanChange, dueOrdersFilter('effectiveDate', '2026-04-01'), docs))).toEqual(['due']);
  });

  it('Should count an outage with an unknown end as ongoing', () => {
    const Outage = offlineModel(conn, outagesSpec);
    const docs = [
      { _id: 'open-ended', region: 'Алматы', startsAt: at(0), endsAt: null },
      { _id: 'ended', region: 'Алматы', startsAt: at(0), endsAt: at(5) },
      { _id: 'not-started', region: 'Алматы', startsAt: at(9), endsAt: null },
      { _id: 'elsewhere', region: 'Астана', startsAt: at(0), endsAt: null },
    ];
    expect(ids(select(Outage, activeOutagesFilter('Алматы', at(5)), docs))).toEqual(['open-ended']);
  });
});

describe('conversation log', () => {
  it('Should select a chat\'s messages inside an inclusive window, either bound optional', () => {
    const Message = offlineModel(conn, conversationMessagesSpec);
    const docs = [0, 10, 20, 30].map((m) => ({ _id: `m${m}`, chatKey: 'telegram:1', at: at(m) }));
    const other = { _id: 'x', chatKey: 'webchat:1', at: at(10) };
    expect(ids(select(Message, chatWindowFilter('telegram:1', at(10), at(20)), [...docs, other]))).toEqual(['m10', 'm20']);
    expect(ids(select(Message, chatWindowFilter('telegram:1', undefined, at(10)), docs))).toEqual(['m0', 'm10']);
    expect(ids(select(Message, chatWindowFilter('telegram:1'), docs))).toHaveLength(4);
  });
});
