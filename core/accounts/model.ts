/** @module A personal account ("лицевой счёт" / "дербес шот") and how it is billed. */
import type { AccountStatus } from './status.ts';

export type BillingMethod = 'credit' | 'advance';

/** A billing account ("лицевой счёт" / "дербес шот"); a subscriber may have several (seed 001, section 5). */
export interface PersonalAccount {
  id: string;
  /** The number printed on invoices, 12 digits. */
  number: string;
  subscriberId: string;
  status: AccountStatus;
  statusSince: Date;
  billingMethod: BillingMethod;
  address: string;
  region: string;
  /** Current Megaline plan id, if the account has Megaline. */
  planId: string | null;
  /** Services on the account, e.g. ['megaline', 'phone']. */
  services: string[];
  /** End of a fixed-term contract (cl. 32(22) compensation on early downgrade), if any. */
  termContractUntil: Date | null;
  openedAt: Date;
  closedAt: Date | null;
}
