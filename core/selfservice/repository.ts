/** @module The repositories the self-service use cases (balance, payment, plan change, refusal, instalments) work on. */
import type { AccountRepository } from '../accounts/repository.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { BillingRepository } from '../billing/repository.ts';
import type { ChatRepository } from '../chats/repository.ts';
import type { InstalmentRepository } from '../instalments/repository.ts';
import type { JobRepository } from '../scheduler/repository.ts';
import type { SubscriberRepository } from '../subscribers/repository.ts';

/** What self-service reads and the orders it places write. */
export interface SelfServiceRepositories {
  subscribers: SubscriberRepository;
  accounts: AccountRepository;
  chats: ChatRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  billing: BillingRepository;
  instalments: InstalmentRepository;
}
