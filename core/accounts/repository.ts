/** @module The personal-accounts port. Both stores (SQLite, MongoDB) implement it. */
import type { PersonalAccount } from './model.ts';
import type { AccountStatus } from './status.ts';

export interface AccountRepository {
  create(account: PersonalAccount): Promise<void>;
  get(id: string): Promise<PersonalAccount | null>;
  findByNumber(number: string): Promise<PersonalAccount | null>;
  listBySubscriber(subscriberId: string): Promise<PersonalAccount[]>;
  /** Changes the status only if it is still `from`; returns false when someone else moved it first. */
  transition(id: string, from: AccountStatus, to: AccountStatus, at: Date): Promise<boolean>;
  setPlan(id: string, planId: string): Promise<void>;
  setServices(id: string, services: string[]): Promise<void>;
  listByStatus(status: AccountStatus, limit: number, afterId?: string): Promise<PersonalAccount[]>;
}
