/** @module The store port of instalment agreements (core/instalments). */
import type { InstalmentAgreement, InstalmentPart } from './model.ts';

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
