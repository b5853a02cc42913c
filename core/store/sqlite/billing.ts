/** @module SQLite repositories for the billing ledger and the outage registry. */
import type { BillingRepository, OutageRepository } from '../../billing/repository.ts';
import type {
  Equipment, Invoice, LedgerPayment, Outage, Plan, PlanChangeOrder, RefusalOrder, Restoration,
} from '../../billing/model.ts';
import { date, dateOrNull, json, ms, msOrNull, type Db } from './database.ts';

type Row = Record<string, unknown>;

const toInvoice = (r: Row): Invoice => ({
  id: r.id as string,
  accountId: r.account_id as string,
  kind: r.kind as Invoice['kind'],
  period: r.period as string,
  issuedAt: date(r.issued_at as number),
  dueDate: r.due_date as string,
  amountTiyn: r.amount_tiyn as number,
  lines: json<Invoice['lines']>(r.lines as string),
});

const toPayment = (r: Row): LedgerPayment => ({
  id: r.id as string,
  externalId: r.external_id as string,
  accountId: r.account_id as string,
  kind: r.kind as LedgerPayment['kind'],
  amountTiyn: r.amount_tiyn as number,
  paidAt: date(r.paid_at as number),
  registeredAt: date(r.registered_at as number),
});

const toEquipment = (r: Row): Equipment => ({
  id: r.id as string,
  accountId: r.account_id as string,
  type: r.type as string,
  model: r.model as string,
  serial: r.serial as string,
  costTiyn: r.cost_tiyn as number,
  returnedAt: dateOrNull(r.returned_at as number | null),
});

const toRestoration = (r: Row): Restoration => ({
  id: r.id as string,
  accountId: r.account_id as string,
  paymentExternalId: r.payment_external_id as string,
  paidInFullAt: date(r.paid_in_full_at as number),
  restoreBy: date(r.restore_by as number),
  latestBy: date(r.latest_by as number),
  restoredAt: dateOrNull(r.restored_at as number | null),
  flaggedAt: dateOrNull(r.flagged_at as number | null),
  breachedAt: dateOrNull(r.breached_at as number | null),
});

/** Orders keep their body as JSON; dates are revived here. */
const toPlanChange = (r: Row): PlanChangeOrder => {
  const d = json<PlanChangeOrder & { orderedAt: string }>(r.data as string);
  return { ...d, orderedAt: date(r.ordered_at as number), appliedAt: dateOrNull(r.applied_at as number | null) };
};

const toRefusal = (r: Row): RefusalOrder => {
  const d = json<RefusalOrder & { orderedAt: string }>(r.data as string);
  return { ...d, orderedAt: date(r.ordered_at as number), appliedAt: dateOrNull(r.applied_at as number | null) };
};

export function sqliteBilling(db: Db): BillingRepository {
  const upsertPlan = db.prepare('INSERT INTO plans (id, sort, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET sort = excluded.sort, data = excluded.data');
  const listPlans = db.prepare('SELECT data FROM plans ORDER BY sort, id').pluck();
  // The catalogue as last parsed, while its rows read the same (they change only when plans are loaded): a balance
  // reads it on every step, and parsing it was most of that read (issue 21). Frozen, since every caller shares it.
  let catalogue: { texts: string[]; plans: Plan[] } | null = null;
  const addInvoice = db.prepare(`INSERT OR IGNORE INTO invoices (id, account_id, kind, period, issued_at, due_date, amount_tiyn, lines)
    VALUES (@id, @accountId, @kind, @period, @issuedAt, @dueDate, @amountTiyn, @lines)`);
  const invoicesOf = db.prepare('SELECT * FROM invoices WHERE account_id = ? ORDER BY issued_at, id');
  const addPayment = db.prepare(`INSERT OR IGNORE INTO ledger_payments (id, external_id, account_id, kind, amount_tiyn, paid_at, registered_at)
    VALUES (@id, @externalId, @accountId, @kind, @amountTiyn, @paidAt, @registeredAt)`);
  const paymentByExternal = db.prepare('SELECT * FROM ledger_payments WHERE external_id = ?');
  const paymentsOf = db.prepare('SELECT * FROM ledger_payments WHERE account_id = ? ORDER BY paid_at, registered_at, id');
  const addEquipment = db.prepare(`INSERT INTO equipment (id, account_id, type, model, serial, cost_tiyn, returned_at)
    VALUES (@id, @accountId, @type, @model, @serial, @costTiyn, @returnedAt)`);
  const equipmentOf = db.prepare('SELECT * FROM equipment WHERE account_id = ? ORDER BY id');
  const setTraffic = db.prepare(`INSERT INTO traffic (account_id, month, incoming_mb) VALUES (?, ?, ?)
    ON CONFLICT(account_id, month) DO UPDATE SET incoming_mb = excluded.incoming_mb`);
  const getTraffic = db.prepare('SELECT incoming_mb FROM traffic WHERE account_id = ? AND month = ?').pluck();
  const addRestoration = db.prepare(`INSERT OR IGNORE INTO restorations (id, account_id, payment_external_id, paid_in_full_at, restore_by,
      latest_by, restored_at, flagged_at, breached_at)
    VALUES (@id, @accountId, @paymentExternalId, @paidInFullAt, @restoreBy, @latestBy, @restoredAt, @flaggedAt, @breachedAt)`);
  const restorationById = db.prepare('SELECT * FROM restorations WHERE id = ?');
  const openRestorations = db.prepare('SELECT * FROM restorations WHERE restored_at IS NULL ORDER BY paid_in_full_at, id');
  const openRestorationsOf = db.prepare('SELECT * FROM restorations WHERE restored_at IS NULL AND account_id = ? ORDER BY paid_in_full_at, id');
  const markRestoration = {
    restoredAt: db.prepare('UPDATE restorations SET restored_at = ? WHERE id = ? AND restored_at IS NULL'),
    flaggedAt: db.prepare('UPDATE restorations SET flagged_at = ? WHERE id = ? AND flagged_at IS NULL'),
    breachedAt: db.prepare('UPDATE restorations SET breached_at = ? WHERE id = ? AND breached_at IS NULL'),
  };
  // One order per signed application: a repeat is ignored and the stored order returned.
  const addPlanChange = db.prepare(`INSERT OR IGNORE INTO plan_changes (id, account_id, effective_date, ordered_at, applied_at, data,
    application_id) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const planChangeOf = db.prepare('SELECT * FROM plan_changes WHERE application_id = ? OR id = ? ORDER BY application_id IS NULL LIMIT 1');
  const planChangesOf = db.prepare('SELECT * FROM plan_changes WHERE account_id = ? ORDER BY ordered_at DESC, id DESC');
  const duePlanChanges = db.prepare('SELECT * FROM plan_changes WHERE applied_at IS NULL AND effective_date <= ? ORDER BY effective_date, ordered_at LIMIT ?');
  const applyPlanChange = db.prepare('UPDATE plan_changes SET applied_at = ? WHERE id = ? AND applied_at IS NULL');
  const addRefusal = db.prepare(`INSERT OR IGNORE INTO refusals (id, account_id, termination_date, ordered_at, applied_at, data,
    application_id) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const refusalOf = db.prepare('SELECT * FROM refusals WHERE application_id = ? OR id = ? ORDER BY application_id IS NULL LIMIT 1');
  const refusalsOf = db.prepare('SELECT * FROM refusals WHERE account_id = ? ORDER BY ordered_at DESC, id DESC');
  const dueRefusals = db.prepare('SELECT * FROM refusals WHERE applied_at IS NULL AND termination_date <= ? ORDER BY termination_date, ordered_at LIMIT ?');
  const applyRefusal = db.prepare('UPDATE refusals SET applied_at = ? WHERE id = ? AND applied_at IS NULL');

  return {
    async upsertPlan(plan) {
      upsertPlan.run(plan.id, plan.sort, JSON.stringify(plan));
    },
    async listPlans() {
      const texts = listPlans.all() as string[];
      let held = catalogue;
      if (!held || held.texts.length !== texts.length || held.texts.some((text, i) => text !== texts[i])) {
        held = catalogue = { texts, plans: texts.map((d) => deepFreeze(json<Plan>(d))) };
      }
      return [...held.plans];
    },
    async addInvoice(i) {
      return addInvoice.run({ ...i, issuedAt: ms(i.issuedAt), lines: JSON.stringify(i.lines) }).changes === 1;
    },
    async listInvoices(accountId) {
      return (invoicesOf.all(accountId) as Row[]).map(toInvoice);
    },
    async addPayment(p) {
      const created = addPayment.run({ ...p, paidAt: ms(p.paidAt), registeredAt: ms(p.registeredAt) }).changes === 1;
      return { created, payment: toPayment(paymentByExternal.get(p.externalId) as Row) };
    },
    async listPayments(accountId) {
      return (paymentsOf.all(accountId) as Row[]).map(toPayment);
    },
    async addEquipment(e) {
      addEquipment.run({ ...e, returnedAt: msOrNull(e.returnedAt) });
    },
    async listEquipment(accountId) {
      return (equipmentOf.all(accountId) as Row[]).map(toEquipment);
    },
    async setTraffic(accountId, month, incomingMb) {
      setTraffic.run(accountId, month, incomingMb);
    },
    async getTraffic(accountId, month) {
      return (getTraffic.get(accountId, month) as number | undefined) ?? 0;
    },
    async addRestoration(r) {
      return addRestoration.run({
        ...r, paidInFullAt: ms(r.paidInFullAt), restoreBy: ms(r.restoreBy), latestBy: ms(r.latestBy),
        restoredAt: msOrNull(r.restoredAt), flaggedAt: msOrNull(r.flaggedAt), breachedAt: msOrNull(r.breachedAt),
      }).changes === 1;
    },
    async getRestoration(id) {
      const r = restorationById.get(id) as Row | undefined;
      return r ? toRestoration(r) : null;
    },
    async listOpenRestorations(accountId) {
      const rows = accountId ? openRestorationsOf.all(accountId) : openRestorations.all();
      return (rows as Row[]).map(toRestoration);
    },
    async markRestoration(id, field, at) {
      return markRestoration[field].run(ms(at), id).changes === 1;
    },
    async addPlanChange(o) {
      const created = addPlanChange.run(o.id, o.accountId, o.effectiveDate, ms(o.orderedAt), msOrNull(o.appliedAt), JSON.stringify(o), o.applicationId).changes === 1;
      return { created, order: toPlanChange(planChangeOf.get(o.applicationId, o.id) as Row) };
    },
    async listPlanChanges(accountId) {
      return (planChangesOf.all(accountId) as Row[]).map(toPlanChange);
    },
    async listDuePlanChanges(d, limit) {
      return (duePlanChanges.all(d, limit) as Row[]).map(toPlanChange);
    },
    async markPlanChangeApplied(id, at) {
      return applyPlanChange.run(ms(at), id).changes === 1;
    },
    async addRefusal(o) {
      const created = addRefusal.run(o.id, o.accountId, o.terminationDate, ms(o.orderedAt), msOrNull(o.appliedAt), JSON.stringify(o), o.applicationId).changes === 1;
      return { created, order: toRefusal(refusalOf.get(o.applicationId, o.id) as Row) };
    },
    async listRefusals(accountId) {
      return (refusalsOf.all(accountId) as Row[]).map(toRefusal);
    },
    async listDueRefusals(d, limit) {
      return (dueRefusals.all(d, limit) as Row[]).map(toRefusal);
    },
    async markRefusalApplied(id, at) {
      return applyRefusal.run(ms(at), id).changes === 1;
    },
  };
}

const toOutage = (r: Row): Outage => ({
  id: r.id as string,
  kind: r.kind as Outage['kind'],
  region: r.region as string,
  addressPrefix: (r.address_prefix as string | null) ?? null,
  services: json<string[]>(r.services as string),
  startsAt: date(r.starts_at as number),
  endsAt: dateOrNull(r.ends_at as number | null),
  notifiedAt: dateOrNull(r.notified_at as number | null),
  createdAt: date(r.created_at as number),
});

export function sqliteOutages(db: Db): OutageRepository {
  const add = db.prepare(`INSERT INTO outages (id, kind, region, address_prefix, services, starts_at, ends_at, notified_at, created_at)
    VALUES (@id, @kind, @region, @addressPrefix, @services, @startsAt, @endsAt, @notifiedAt, @createdAt)`);
  const active = db.prepare(`SELECT * FROM outages WHERE region = ? AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)
    ORDER BY starts_at, id`);
  const list = db.prepare('SELECT * FROM outages ORDER BY created_at DESC, id DESC LIMIT ?');
  const setEnd = db.prepare('UPDATE outages SET ends_at = ? WHERE id = ?');
  return {
    async add(o) {
      add.run({
        ...o, services: JSON.stringify(o.services), startsAt: ms(o.startsAt), endsAt: msOrNull(o.endsAt),
        notifiedAt: msOrNull(o.notifiedAt), createdAt: ms(o.createdAt),
      });
    },
    async listActive(region, at) {
      return (active.all(region, ms(at), ms(at)) as Row[]).map(toOutage);
    },
    async list(limit) {
      return (list.all(limit) as Row[]).map(toOutage);
    },
    async setEnd(id, endsAt) {
      setEnd.run(ms(endsAt), id);
    },
  };
}

/** `value` with every object and array in it frozen (a caller changing a shared plan would throw, not corrupt it). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
