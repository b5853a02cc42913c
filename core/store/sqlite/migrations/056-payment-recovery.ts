/** @module Migration 56: finding paid payments billing has not registered yet (recovery after a crash, issue 20). */
import type { Migration } from './index.ts';

export const paymentRecovery: Migration = {
  id: 56,
  name: 'payment-recovery',
  sql: `
CREATE INDEX payments_unregistered ON payments(paid_at, id) WHERE status = 'paid' AND registered_at IS NULL;
`,
};
