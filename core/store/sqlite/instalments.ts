/** @module SQLite repository for instalment agreements (core/instalments). */
import type { InstalmentAgreement, InstalmentPart, InstalmentStatus } from '../../instalments/model.ts';
import type { InstalmentRepository } from '../../instalments/repository.ts';
import { date, dateOrNull, json, ms, msOrNull, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toAgreement = (r: Row): InstalmentAgreement => ({
  id: r.id as string,
  accountId: r.account_id as string,
  subscriberId: r.subscriber_id as string,
  applicationId: r.application_id as string,
  status: r.status as InstalmentStatus,
  requestedAt: date(r.requested_at as number),
  debtTiyn: r.debt_tiyn as number,
  parts: json<InstalmentPart[]>(r.parts as string),
  concludedAt: dateOrNull(r.concluded_at as number | null),
  concludedBy: (r.concluded_by as string | null) ?? null,
  endedAt: dateOrNull(r.ended_at as number | null),
});

export function sqliteInstalments(db: Db): InstalmentRepository {
  const insert = db.prepare(`INSERT INTO instalment_agreements
    (id, account_id, subscriber_id, application_id, status, requested_at, debt_tiyn, parts, concluded_at, concluded_by, ended_at)
    VALUES (@id, @accountId, @subscriberId, @applicationId, @status, @requestedAt, @debtTiyn, @parts, @concludedAt, @concludedBy, @endedAt)`);
  const byId = db.prepare('SELECT * FROM instalment_agreements WHERE id = ?');
  const byAccount = db.prepare('SELECT * FROM instalment_agreements WHERE account_id = ? ORDER BY requested_at DESC, id DESC');
  const conclude = db.prepare(`UPDATE instalment_agreements SET status = 'active', parts = ?, debt_tiyn = ?, concluded_by = ?, concluded_at = ?
    WHERE id = ? AND status = 'requested'`);
  const end = db.prepare(`UPDATE instalment_agreements SET status = ?, ended_at = ? WHERE id = ? AND status = 'active'`);
  return {
    async add(a) {
      insert.run({
        ...a, requestedAt: ms(a.requestedAt), parts: JSON.stringify(a.parts), concludedAt: msOrNull(a.concludedAt), endedAt: msOrNull(a.endedAt),
      });
    },
    async get(id) {
      const r = byId.get(id) as Row | undefined;
      return r ? toAgreement(r) : null;
    },
    async listByAccount(accountId) {
      return (byAccount.all(accountId) as Row[]).map(toAgreement);
    },
    async conclude(id, terms) {
      return conclude.run(JSON.stringify(terms.parts), terms.debtTiyn, terms.by, ms(terms.at), id).changes === 1;
    },
    async end(id, status, at) {
      return end.run(status, ms(at), id).changes === 1;
    },
  };
}
