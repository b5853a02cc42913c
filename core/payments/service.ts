/**
 * @module The payment use cases: create a payment link for an account (amount within limits, account status takes
 * payments — seed 001), and settle it from the gateway's signed result callback — signature, order, gateway id,
 * amount and currency checked against what we created; a forged or altered callback is rejected, logged and written
 * to the audit log; a repeated one never pays twice. A paid payment is registered in billing (allocated per cl. 20)
 * and listeners are told once, with the receipt, so the bot can confirm in the chat.
 */
import { randomUUID } from 'node:crypto';
import { checkOperation } from '../accounts/operations.ts';
import type { PaymentReceipt, Result } from '../billing/port.ts';
import { PAYMENT_CURRENCY, type Payment } from './model.ts';
import { PaymentGatewayError, type GatewayUrls } from './port.ts';
import { readResult, resultAnswer, type PaymentResult, type ResultVerdict } from './freedompay/result.ts';
import type { RawFields } from './freedompay/result-fields.ts';
import { preview } from '../logging/preview.ts';
import type { CallbackAnswer, CreatePaymentInput, PaymentLimits, PaymentListener, PaymentServiceOptions, PaymentSettled } from './service-types.ts';

export type { CallbackAnswer, CreatePaymentInput, PaymentLimits, PaymentListener, PaymentServiceOptions, PaymentSettled } from './service-types.ts';

/** The path of the result endpoint; its last segment is the script name both sides sign with. */
export const RESULT_PATH = '/pay/result';

export class PaymentService {
  private readonly listeners = new Set<PaymentListener>();
  /** Payments whose receipt this process is sending now (it may wait behind the channel's pace for a while). */
  private readonly announcing = new Set<string>();

  constructor(private readonly options: PaymentServiceOptions) {}

  get provider(): Payment['provider'] {
    return this.options.gateway.provider;
  }

  get limits(): PaymentLimits {
    return this.options.limits;
  }

  /** Subscribes to settled payments; returns the unsubscribe function. */
  onSettled(listener: PaymentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The URLs the gateway is given for this payment. */
  urls(paymentId: string): GatewayUrls {
    const base = this.options.baseUrl().replace(/\/+$/, '');
    return {
      resultUrl: `${base}${RESULT_PATH}`,
      successUrl: `${base}/pay/done/${paymentId}`,
      failureUrl: `${base}/pay/done/${paymentId}`,
    };
  }

  get(id: string): Promise<Payment | null> {
    return this.options.store.payments.get(id);
  }

  /**
   * Creates a payment record and its page at the gateway.
   * Refusals (i18n keys): `payments:amount.outOfLimits`, `payments:error.unknownAccount`, the operation matrix's
   * `rules:deny.*` when the status takes no payments, `payments:error.gatewayUnavailable`.
   * @example await payments.createPayment({ accountNumber: '100000000001', amountTiyn: 724550, description, chatKey, language: 'kk' })
   */
  async createPayment(input: CreatePaymentInput): Promise<Result<{ paymentId: string; url: string }>> {
    const { store, billing, gateway, clock, logger, limits } = this.options;
    if (!Number.isSafeInteger(input.amountTiyn) || input.amountTiyn < limits.minTiyn || input.amountTiyn > limits.maxTiyn) {
      return { ok: false, reason: 'payments:amount.outOfLimits', params: { minTiyn: limits.minTiyn, maxTiyn: limits.maxTiyn } };
    }
    const account = await store.accounts.findByNumber(input.accountNumber);
    const balance = account ? await billing.getBalance(input.accountNumber) : null;
    if (!account || !balance) return { ok: false, reason: 'payments:error.unknownAccount' };
    const allowed = checkOperation(balance.status, 'acceptPayment');
    if (!allowed.ok) return { ok: false, reason: allowed.reason };

    const now = clock.now();
    const payment: Payment = {
      id: randomUUID(), provider: gateway.provider, accountId: account.id, accountNumber: account.number,
      subscriberId: account.subscriberId, chatKey: input.chatKey, language: input.language, amountTiyn: input.amountTiyn,
      currency: PAYMENT_CURRENCY, description: input.description, status: 'created', gatewayPaymentId: null, url: null,
      failureReason: null, createdAt: now, updatedAt: now, paidAt: null, registeredAt: null,
    };
    await store.payments.create(payment);
    try {
      const created = await gateway.create(payment, this.urls(payment.id));
      await store.payments.attachGateway(payment.id, created.gatewayPaymentId, created.url, clock.now());
      logger.info({ paymentId: payment.id, provider: gateway.provider, amountTiyn: payment.amountTiyn }, 'payment created');
      return { ok: true, value: { paymentId: payment.id, url: created.url } };
    } catch (err) {
      if (!(err instanceof PaymentGatewayError)) throw err;
      await store.payments.markFailed(payment.id, err.message, clock.now());
      logger.warn({ err, paymentId: payment.id, provider: gateway.provider }, 'payment gateway refused to create a payment');
      return { ok: false, reason: 'payments:error.gatewayUnavailable' };
    }
  }

  /**
   * Handles a result callback posted to `path` with these fields. Answers what the gateway expects: HTTP 200 and a
   * signed XML `ok`/`rejected`; HTTP 400 for a callback whose signature or fields are wrong. Throws only when billing
   * cannot be reached, so the endpoint answers 500 and the gateway calls again later.
   */
  async handleResult(path: string, fields: RawFields): Promise<CallbackAnswer> {
    const { gateway } = this.options;
    const script = path.slice(path.lastIndexOf('/') + 1);
    const answer = (verdict: ResultVerdict, description: string, status = 200): CallbackAnswer => ({
      status,
      contentType: 'application/xml; charset=utf-8',
      body: resultAnswer(script, verdict, description, gateway.callbackSecret),
    });

    const reading = readResult(script, fields, gateway.callbackSecret);
    if (!reading.ok) {
      // Nothing the caller chose is kept as it came: the order id only as a short escaped preview.
      const orderId = preview(fields.pg_order_id ?? '');
      if (reading.reason === 'signature') {
        // The shape was checked first, so the order id is a well-formed one; name the payment only if it is ours.
        const ours = await this.options.store.payments.get(String(fields.pg_order_id));
        await this.reject('bad signature', ours?.id ?? null, undefined, { orderId });
      }
      else await this.reject('malformed callback', null, undefined, { orderId, problems: reading.problems });
      return answer('error', reading.reason === 'signature' ? 'Invalid signature' : 'Malformed request', 400);
    }
    const result = reading.value;
    const payment = await this.options.store.payments.get(result.orderId);
    const mismatch = this.mismatch(payment, result);
    if (!payment || mismatch) {
      await this.reject(mismatch ?? 'unknown order', payment ? payment.id : null, result);
      return answer('rejected', 'Payment does not match the order');
    }
    return result.succeeded ? this.settlePaid(payment, result, answer) : this.settleDeclined(payment, result, answer);
  }

  /** Why a signed callback does not match the payment we created, or null when it does. */
  private mismatch(payment: Payment | null, result: PaymentResult): string | null {
    if (!payment) return null;
    if (payment.provider !== this.options.gateway.provider) return 'provider differs';
    if (result.currency !== payment.currency) return 'currency differs';
    if (result.amountTiyn !== payment.amountTiyn) return 'amount differs';
    if (payment.gatewayPaymentId && payment.gatewayPaymentId !== result.gatewayPaymentId) return 'gateway payment id differs';
    return null;
  }

  private async settlePaid(payment: Payment, result: PaymentResult, answer: (v: ResultVerdict, d: string) => CallbackAnswer): Promise<CallbackAnswer> {
    const { store, clock, logger } = this.options;
    const settled = await store.payments.settle(payment.id, {
      status: 'paid', gatewayPaymentId: result.gatewayPaymentId, at: clock.now(), failureReason: null,
    });
    if (!settled || settled.payment.status !== 'paid') {
      // Signed, but this gateway transaction already paid another order: never twice.
      await this.reject('gateway payment id already used', payment.id, result);
      return answer('rejected', 'Payment already used for another order');
    }
    if (!settled.changed) logger.info({ paymentId: payment.id }, 'repeated result callback for a paid payment');
    await this.finishRegistration(settled.payment);
    return answer('ok', 'Payment accepted');
  }

  private async settleDeclined(payment: Payment, result: PaymentResult, answer: (v: ResultVerdict, d: string) => CallbackAnswer): Promise<CallbackAnswer> {
    const { store, clock, logger } = this.options;
    const settled = await store.payments.settle(payment.id, {
      status: 'declined', gatewayPaymentId: result.gatewayPaymentId, at: clock.now(), failureReason: result.failureReason,
    });
    if (settled?.changed) {
      logger.info({ paymentId: payment.id }, 'payment declined by the gateway');
      await this.finishDeclineNotice(settled.payment);
    }
    return answer('ok', 'Result received');
  }

  /**
   * Tells the subscriber a payment was declined, then marks the notice sent (a crash in between leaves it to the
   * recovery sweep, core/payments/recovery.ts; one between the message and the mark repeats it, the one unavoidable
   * window). False when there is nothing to tell (no longer declined) or the notice is on its way already.
   */
  async finishDeclineNotice(payment: Payment): Promise<boolean> {
    const { store, clock } = this.options;
    if (payment.status !== 'declined' || this.announcing.has(payment.id)) return false;
    this.announcing.add(payment.id);
    try {
      await this.tell({ kind: 'declined', payment });
      await store.payments.markNotified(payment.id, clock.now());
      return true;
    } finally {
      this.announcing.delete(payment.id);
    }
  }

  /**
   * Registers a paid payment in billing once (billing is idempotent by external id too) and tells the listeners.
   * Safe to call again for the same payment — after a crash between billing and our mark, the recovery job does
   * (core/payments/recovery.ts): billing answers the stored receipt, and only the call that marks the payment
   * registered writes `payment.paid` and tells the chat.
   */
  async finishRegistration(payment: Payment): Promise<'registered' | 'already' | 'refused'> {
    const { store, clock, logger } = this.options;
    if (payment.registeredAt || !payment.paidAt || !payment.gatewayPaymentId) return 'already';
    const receipt = await this.register(payment);
    if (!receipt) return 'refused';
    if (!(await store.payments.markRegistered(payment.id, clock.now()))) return 'already';
    logger.info({ paymentId: payment.id, amountTiyn: payment.amountTiyn }, 'payment registered in billing');
    await this.announce(payment, receipt);
    return 'registered';
  }

  /**
   * Tells the subscriber about a payment registered earlier whose receipt never left (the process died between our
   * mark and the message): billing answers the stored receipt again, the chat gets it, and it is marked sent.
   */
  async finishNotice(payment: Payment): Promise<boolean> {
    if (!payment.registeredAt || this.announcing.has(payment.id)) return false;
    const receipt = await this.register(payment);
    if (!receipt) return false;
    await this.announce(payment, receipt);
    return true;
  }

  /** Billing's receipt for the payment (registering it the first time), or null when billing refuses it. */
  private async register(payment: Payment): Promise<PaymentReceipt | null> {
    const { store, billing, logger } = this.options;
    const receipt = await billing.registerPayment({
      externalId: `${payment.provider}:${payment.gatewayPaymentId}`,
      accountNumber: payment.accountNumber,
      amountTiyn: payment.amountTiyn,
      paidAt: payment.paidAt!,
    });
    if (receipt.ok) return receipt.value;
    // The money arrived but billing will not take it (e.g. the account was closed meanwhile): people must act.
    logger.error({ paymentId: payment.id, reason: receipt.reason }, 'billing refused a paid payment');
    const told = await store.audit.list({ action: 'payment.registration_refused', entity: 'payment', entityId: payment.id, limit: 1 });
    if (told.length === 0) await this.audit('payment.registration_refused', payment.id, { reason: receipt.reason });
    return null;
  }

  /** `payment.paid` once, the receipt to the chat, then the mark that it was sent (what a restart resumes from). */
  private async announce(payment: Payment, receipt: PaymentReceipt): Promise<void> {
    if (this.announcing.has(payment.id)) return;
    this.announcing.add(payment.id);
    try {
      await this.announceOnce(payment, receipt);
    } finally {
      this.announcing.delete(payment.id);
    }
  }

  private async announceOnce(payment: Payment, receipt: PaymentReceipt): Promise<void> {
    const { store, clock } = this.options;
    const audited = await store.audit.list({ action: 'payment.paid', entity: 'payment', entityId: payment.id, limit: 1 });
    if (audited.length === 0) {
      await this.audit('payment.paid', payment.id, { amountTiyn: payment.amountTiyn, accountNumber: payment.accountNumber });
    }
    const fresh = (await store.payments.get(payment.id)) ?? payment;
    await this.tell({ kind: 'paid', payment: fresh, receipt });
    await store.payments.markNotified(payment.id, clock.now());
  }

  private async reject(why: string, paymentId: string | null, result?: PaymentResult, caller: Record<string, unknown> = {}): Promise<void> {
    this.options.logger.warn(
      { why, paymentId, provider: this.options.gateway.provider, amountTiyn: result?.amountTiyn, currency: result?.currency, ...caller },
      'payment callback rejected as forged or altered',
    );
    await this.audit('payment.callback_rejected', paymentId, {
      why, gatewayPaymentId: result?.gatewayPaymentId ?? null, amountTiyn: result?.amountTiyn ?? null, currency: result?.currency ?? null, ...caller,
    });
  }

  private async audit(action: string, paymentId: string | null, details: Record<string, unknown>): Promise<void> {
    await this.options.store.audit.append({
      id: randomUUID(), at: this.options.clock.now(), actorType: 'system', actorId: null, action,
      entity: 'payment', entityId: paymentId, details: { provider: this.options.gateway.provider, ...details },
    });
  }

  private async tell(event: PaymentSettled): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (err) {
        this.options.logger.error({ err, paymentId: event.payment.id }, 'payment listener failed');
      }
    }
  }
}
