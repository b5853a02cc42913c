/**
 * The store contract suite: every repository method, against every store available here.
 * Feature modules add their contract files to `contracts` below.
 */
import { afterAll, describe, it } from 'vitest';
import type { Store } from '../../core/store/store.ts';
import { storeFactories, type StoreFactory } from './stores.ts';
import { foundationContract } from './foundation.contract.ts';
import { billingContract } from './billing.contract.ts';
import { ticketsContract } from './tickets.contract.ts';
import { verificationContract } from './verification.contract.ts';
import { paymentsContract } from './payments.contract.ts';
import { conversationsContract } from './conversations.contract.ts';
import { throttleContract } from './throttle.contract.ts';
import { webchatContract, webchatMessagesContract } from './webchat.contract.ts';
import { campaignsContract } from './campaigns.contract.ts';
import { reportsContract } from './reports.contract.ts';
import { surveyDeliveriesContract } from './survey-deliveries.contract.ts';
import { instalmentsContract } from './instalments.contract.ts';
import { outboxContract } from './outbox.contract.ts';
import { retentionContract } from './retention.contract.ts';

const contracts: Array<[string, (open: () => Promise<Store>, factory: StoreFactory) => void]> = [
  ['foundation', foundationContract],
  ['billing', billingContract],
  ['tickets', ticketsContract],
  ['verification', verificationContract],
  ['payments', paymentsContract],
  ['conversations', conversationsContract],
  ['throttle', throttleContract],
  ['webchat', webchatContract],
  ['webchat messages', webchatMessagesContract],
  ['campaigns', campaignsContract],
  ['reports', reportsContract],
  ['survey deliveries', surveyDeliveriesContract],
  ['instalments', instalmentsContract],
  ['outbox and live feed', outboxContract],
  ['retention', retentionContract],
];

for (const factory of storeFactories()) {
  if (factory.unavailable) {
    describe(`store contract: ${factory.name}`, () => {
      it.skip(`SKIPPED — ${factory.unavailable}`, () => {});
    });
    console.warn(`\n!!! store contract suite for ${factory.name} SKIPPED: ${factory.unavailable}\n`);
    continue;
  }
  describe(`store contract: ${factory.name}`, () => {
    afterAll(async () => factory.dispose?.());
    for (const [name, contract] of contracts) describe(name, () => contract(() => factory.open(), factory));
  });
}
