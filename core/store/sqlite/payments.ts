/** @module SQLite repository for payment links and their settlement. Every status change is one conditional UPDATE. */
import type { PaymentRepository } from '../../payments/repository.ts';
import type { Payment } from '../../payments/model.ts';
import { date, dateOrNull, ms, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toPayment = (r: Row): Payment => ({
  id: r.id as string,
  provider: r.provider as Payment['provider'],
  accountId: r.account_id as string,
  accountNumber: r.account_number as string,
  subscriberId: (r.subscriber_id as string | null) ?? null,
  chatKey: (r.chat_key as string | null) ?? null,
  language: r.language as Payment['language'],
  amountTiyn: r.amount_tiyn as number,
  currency: r.currency as Payment['currency'],
  description: r.description as string,
  status: r.status as Payment['status'],
  gatewayPaymentId: (r.gateway_payment_id as string | null) ?? null,
  url: (r.url as string | null) ?? null,
  failureReason: (r.failure_reason as string | null) ?? null,
  createdAt: date(r.created_at as number),
  updatedAt: date(r.updated_at as number),
  paidAt: dateOrNull(r.paid_at as number | null),
  registeredAt: dateOrNull(r.registered_at as number | null),
});

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';

export function sqlitePayments(db: Db): PaymentRepository {
  const insert = db.prepare(`INSERT INTO payments (id, provider, account_id, account_number, subscriber_id, chat_key, language,
      amount_tiyn, currency, description, status, gateway_payment_id, url, failure_reason, created_at, updated_at, paid_at, registered_at)
    VALUES (@id, @provider, @accountId, @accountNumber, @subscriberId, @chatKey, @language, @amountTiyn, @currency, @description,
      @status, @gatewayPaymentId, @url, @failureReason, @createdAt, @updatedAt, @paidAt, @registeredAt)`);
  const byId = db.prepare('SELECT * FROM payments WHERE id = ?');
  const byGateway = db.prepare('SELECT * FROM payments WHERE provider = ? AND gateway_payment_id = ?');
  const attach = db.prepare(`UPDATE payments SET gateway_payment_id = ?, url = ?, updated_at = ? WHERE id = ? AND status = 'created'`);
  const fail = db.prepare(`UPDATE payments SET status = 'failed', failure_reason = ?, updated_at = ? WHERE id = ? AND status = 'created'`);
  // created → paid | declined, declined → paid; bound to the gateway id it carries (or binds it now).
  const settle = db.prepare(`UPDATE payments SET status = @status, gateway_payment_id = @gatewayPaymentId, failure_reason = @failureReason,
      updated_at = @at, paid_at = CASE WHEN @status = 'paid' THEN @at ELSE paid_at END,
      notified_at = CASE WHEN @status = 'paid' THEN NULL ELSE notified_at END
    WHERE id = @id AND (status = 'created' OR (status = 'declined' AND @status = 'paid'))
      AND (gateway_payment_id IS NULL OR gateway_payment_id = @gatewayPaymentId)`);
  const register = db.prepare(`UPDATE payments SET registered_at = ?, updated_at = ? WHERE id = ? AND status = 'paid' AND registered_at IS NULL`);
  const unregistered = db.prepare(`SELECT * FROM payments WHERE status = 'paid' AND registered_at IS NULL ORDER BY paid_at, id LIMIT ?`);
  const notified = db.prepare(`UPDATE payments SET notified_at = ? WHERE id = ? AND notified_at IS NULL
    AND (registered_at IS NOT NULL OR status = 'declined')`);
  const declinedUnnotified = db.prepare(`SELECT * FROM payments WHERE status = 'declined' AND notified_at IS NULL
    AND updated_at BETWEEN ? AND ? ORDER BY updated_at, id LIMIT ?`);
  const unnotified = db.prepare(`SELECT * FROM payments WHERE registered_at IS NOT NULL AND notified_at IS NULL AND registered_at <= ?
    ORDER BY registered_at, id LIMIT ?`);
  const byAccount = db.prepare('SELECT * FROM payments WHERE account_id = ? ORDER BY created_at DESC, id DESC LIMIT ?');
  return {
    async create(p) {
      insert.run({
        ...p,
        createdAt: ms(p.createdAt),
        updatedAt: ms(p.updatedAt),
        paidAt: p.paidAt ? ms(p.paidAt) : null,
        registeredAt: p.registeredAt ? ms(p.registeredAt) : null,
      });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toPayment(r) : null;
    },
    async findByGatewayId(provider, gatewayPaymentId) {
      const r = byGateway.get(provider, gatewayPaymentId) as Row | undefined;
      return r ? toPayment(r) : null;
    },
    async attachGateway(id, gatewayPaymentId, url, at) {
      attach.run(gatewayPaymentId, url, ms(at), id);
    },
    async markFailed(id, reason, at) {
      return fail.run(reason, ms(at), id).changes === 1;
    },
    async settle(id, outcome) {
      let changed = false;
      try {
        changed = settle.run({ id, ...outcome, at: ms(outcome.at) }).changes === 1;
      } catch (err) {
        // Another payment already carries this gateway id: one gateway payment never pays two orders.
        if (!isUniqueViolation(err)) throw err;
      }
      const r = byId.get(id) as Row | undefined;
      return r ? { payment: toPayment(r), changed } : null;
    },
    async markRegistered(id, at) {
      return register.run(ms(at), ms(at), id).changes === 1;
    },
    async listUnregistered(limit) {
      return (unregistered.all(limit) as Row[]).map(toPayment);
    },
    async markNotified(id, at) {
      return notified.run(ms(at), id).changes === 1;
    },
    async listDeclinedUnnotified(after, before, limit) {
      return (declinedUnnotified.all(ms(after), ms(before), limit) as Row[]).map(toPayment);
    },
    async listUnnotified(registeredBefore, limit) {
      return (unnotified.all(ms(registeredBefore), limit) as Row[]).map(toPayment);
    },
    async listByAccount(accountId, limit) {
      return (byAccount.all(accountId, limit) as Row[]).map(toPayment);
    },
  };
}
