/**
 * @module Named errors. Expected errors carry an i18n key the channels can translate; anything else is unexpected
 * and goes to one boundary that logs it and apologises (`common:error.unexpected`).
 */

/** Base for errors the product expects and can explain to a person. */
export class ExpectedError extends Error {
  constructor(
    message: string,
    /** i18n key of the explanation shown to the subscriber or agent. */
    readonly reason: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The operator's billing did not answer or answered with an error. */
export class BillingLookupError extends ExpectedError {}

/** A channel refused or failed to deliver a message. */
export class ChannelSendError extends Error {
  /**
   * The transport's answer code (Telegram's `error_code`: 403, 429, 500 …), or null when no answer came back (a
   * timeout, a connection reset after the request went out): then whether the message was delivered is unknown.
   */
  readonly status: number | null;

  constructor(message: string, readonly channel: string, readonly retryAfterMs: number | null = null, options?: ErrorOptions & { status?: number | null }) {
    super(message, options);
    this.name = 'ChannelSendError';
    this.status = options?.status ?? null;
  }
}

/** An SMS provider failed; `permanent` means retrying will not help. */
export class SmsSendError extends Error {
  constructor(message: string, readonly permanent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SmsSendError';
  }
}

/** A payment gateway callback failed its signature, amount or currency check. */
export class ForgedCallbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForgedCallbackError';
  }
}

/** The configured store cannot serve the product as it is (e.g. a standalone MongoDB where a replica set is needed). */
export class StoreSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreSetupError';
  }
}

/** A store export or import stopped because going on could lose or mix data (unknown table, non-empty target, damaged file). */
export class TransferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferError';
  }
}
