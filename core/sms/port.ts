/**
 * @module The SMS port: a provider delivers one text to one number. Adapters (outbox, webhook, mobizon) throw
 * `SmsSendError` with `permanent` telling whether another try could help.
 */
import type { SmsMessage } from './model.ts';

export type SmsProviderName = 'outbox' | 'webhook' | 'mobizon';

/** One delivery to a provider. */
export interface SmsProvider {
  readonly name: SmsProviderName;
  /** Hands the message to the provider; returns the provider's message id, if it gives one. */
  send(message: { id: string; to: string; text: string }): Promise<{ providerMessageId: string | null }>;
}

/** What a caller asks to be sent. */
export interface SmsRequest {
  /** E.164 recipient. */
  to: string;
  text: string;
  purpose: string;
  chatKey: string | null;
  /** No delivery attempts after this time (e.g. the code's expiry). */
  expiresAt: Date | null;
}

/** The outcome of one delivery attempt. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'not_due' | 'busy' | 'done';

/** Sends SMS through the configured provider, persisted and retried. */
export interface SmsSender {
  readonly provider: SmsProviderName;
  /**
   * Stores the message, schedules its persisted delivery job and starts a first attempt in the background
   * (the caller's answer never waits for the provider). Returns the message id.
   */
  enqueue(request: SmsRequest): Promise<string>;
  /** One delivery attempt now (the job handler and the background first attempt both use this). */
  deliver(id: string): Promise<DeliveryOutcome>;
  /** Waits for the background attempts started so far (tests, shutdown). */
  flush(): Promise<void>;
  /**
   * Subscribes to permanent failures (provider refused, or retries ran out). The bot uses `chatKey` and `purpose`
   * to tell the subscriber (`verification:sms_failed`). Returns an unsubscribe function.
   */
  onFailure(listener: (message: SmsMessage) => void): () => void;
}
