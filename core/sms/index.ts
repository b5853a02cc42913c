/** @module The SMS port and its adapters (outbox, webhook, mobizon), the persisted sender and its job. */
export type { DeliveryOutcome, SmsProvider, SmsProviderName, SmsRequest, SmsSender } from './port.ts';
export { createSmsSender, maskCodes, providerFromConfig, type SmsSenderOptions } from './sender.ts';
export { registerSmsJobs } from './jobs.ts';
export { signWebhookBody } from './webhook.ts';
