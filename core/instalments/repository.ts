/** @module The store port of instalment agreements (core/instalments). */
import type { InstalmentAgreement, InstalmentPart } from './model.ts';
import type { AccountRepository } from '../accounts/repository.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { BillingRepository } from '../billing/repository.ts';
import type { JobRepository } from '../scheduler/repository.ts';

export interface InstalmentRepository {
  add(agreement: InstalmentAgreement): Promise<void>;
  get(id: string): Promise<InstalmentAgreement | null>;
  /** The account's agreements, newest request first. */
  listByAccount(accountId: string): Promise<InstalmentAgreement[]>;
  /** requested → active with the schedule; false when it was no longer requested (concluded twice, or ended). */
  conclude(id: string, terms: { parts: InstalmentPart[]; debtTiyn: number; by: string; at: Date }): Promise<boolean>;
  /** active → paid or broken; false when it was not active. */
  end(id: string, status: 'paid' | 'broken', at: Date): Promise<boolean>;
}

/** The repositories instalment agreements work on. */
export interface InstalmentRepositories {
  accounts: AccountRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  billing: BillingRepository;
  instalments: InstalmentRepository;
}
