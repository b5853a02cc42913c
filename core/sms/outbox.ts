/**
 * @module The default SMS "provider": nothing leaves the machine. Messages stay in the store's outbox, where the
 * console's SMS page shows them, so a newcomer can finish verification without any SMS account.
 */
import type { SmsProvider } from './port.ts';

export function outboxProvider(): SmsProvider {
  return {
    name: 'outbox',
    async send() {
      return { providerMessageId: null };
    },
  };
}
