/**
 * @module The built-in billing ledger's port, and planned works and accidents. Both stores (SQLite,
 * MongoDB) implement it.
 */
import type { Equipment, Invoice, LedgerPayment, Outage, Plan, PlanChangeOrder, RefusalOrder, Restoration } from './model.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { InstalmentRepository } from '../instalments/repository.ts';
import type { JobRepository } from '../scheduler/repository.ts';
import type { SubscriberRepository } from '../subscribers/repository.ts';

/** The built-in billing ledger (core/billing): plans, invoices, payments and the orders that change an account. */
export interface BillingRepository {
  upsertPlan(plan: Plan): Promise<void>;
  /** In catalogue order. */
  listPlans(): Promise<Plan[]>;
  /** Inserts the invoice unless one with its id exists; true when inserted (issuing twice is harmless). */
  addInvoice(invoice: Invoice): Promise<boolean>;
  /** Oldest first (by issue time). */
  listInvoices(accountId: string): Promise<Invoice[]>;
  /**
   * Registers the entry once per `externalId`. The first call stores it (`created: true`); every repeat returns the
   * stored entry unchanged (`created: false`), whatever it carries.
   */
  addPayment(payment: LedgerPayment): Promise<{ created: boolean; payment: LedgerPayment }>;
  /** Oldest first (by paidAt). */
  listPayments(accountId: string): Promise<LedgerPayment[]>;
  addEquipment(item: Equipment): Promise<void>;
  listEquipment(accountId: string): Promise<Equipment[]>;
  /** Sets the incoming traffic (MB) used in a month (`YYYY-MM`). */
  setTraffic(accountId: string, month: string, incomingMb: number): Promise<void>;
  getTraffic(accountId: string, month: string): Promise<number>;
  /** Inserts unless one with this id exists; true when inserted. */
  addRestoration(restoration: Restoration): Promise<boolean>;
  getRestoration(id: string): Promise<Restoration | null>;
  /** Restorations not yet done, oldest first (all accounts when accountId is omitted). */
  listOpenRestorations(accountId?: string): Promise<Restoration[]>;
  /** Sets one of the time stamps if it is still empty; true when this call set it. */
  markRestoration(id: string, field: 'restoredAt' | 'flaggedAt' | 'breachedAt', at: Date): Promise<boolean>;
  addPlanChange(order: PlanChangeOrder): Promise<void>;
  /** Newest first. */
  listPlanChanges(accountId: string): Promise<PlanChangeOrder[]>;
  /** Not yet applied and effective on or before `date` (`YYYY-MM-DD`), oldest first. */
  listDuePlanChanges(date: string, limit: number): Promise<PlanChangeOrder[]>;
  /** Marks applied if not yet; true when this call did (so two workers never apply one order twice). */
  markPlanChangeApplied(id: string, at: Date): Promise<boolean>;
  addRefusal(order: RefusalOrder): Promise<void>;
  /** Newest first. */
  listRefusals(accountId: string): Promise<RefusalOrder[]>;
  listDueRefusals(date: string, limit: number): Promise<RefusalOrder[]>;
  markRefusalApplied(id: string, at: Date): Promise<boolean>;
}

/** Planned works and known accidents, for the fault journey's checks before a ticket. */
export interface OutageRepository {
  add(outage: Outage): Promise<void>;
  /** Outages in the region that have started and not ended at `at` (an unknown end counts as ongoing). */
  listActive(region: string, at: Date): Promise<Outage[]>;
  /** Newest first. */
  list(limit: number): Promise<Outage[]>;
  /** Sets the expected or actual end. */
  setEnd(id: string, endsAt: Date): Promise<void>;
}

/** The repositories the built-in billing ledger works on. */
export interface LedgerRepositories {
  subscribers: SubscriberRepository;
  accounts: AccountRepository;
  jobs: JobRepository;
  billing: BillingRepository;
  instalments: InstalmentRepository;
}
