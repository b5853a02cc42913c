/**
 * @module Migration 57: when the subscriber was told a payment arrived (issue 20 item 10). A crash after billing
 * registered the money but before the receipt left would leave it untold; the recovery sweep finds registered
 * payments not yet told. Payments registered before this migration were told then.
 */
import type { Migration } from './index.ts';

export const paymentNotices: Migration = {
  id: 57,
  name: 'payment-notices',
  sql: `
ALTER TABLE payments ADD COLUMN notified_at INTEGER;
UPDATE payments SET notified_at = registered_at WHERE registered_at IS NOT NULL;
CREATE INDEX payments_unnotified ON payments(registered_at, id) WHERE registered_at IS NOT NULL AND notified_at IS NULL;
`,
};
