/**
 * @module The operator's real billing over HTTP (`BILLING_PROVIDER=http`): the `BillingPort` spoken as the JSON
 * contract of core/billing/openapi.yaml. Refusals (HTTP 404/409/422 with `{ reason, params }`) come back as results;
 * a billing that is down, slow (BILLING_TIMEOUT_MS), or refuses our token throws `BillingLookupError`.
 */
import { BillingLookupError } from '../../errors.ts';
import type {
  Balance, BillingPort, BillingSubscriber, PaymentInput, PaymentReceipt, PlanChangeOrder, PlanChangeOrderInput,
  PlanChangeQuote, PlanOption, RefusalOrder, RefusalOrderInput, RefusalQuote, RefusalQuoteInput, Result,
} from '../port.ts';

export interface HttpBillingOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const UNAVAILABLE = 'rules:billing.unavailable';
/** Reasons we can explain are our own `rules:` keys; anything else the billing says is shown as a generic refusal. */
const REJECTED = 'rules:billing.rejected';

type Json = Record<string, unknown>;

export class HttpBilling implements BillingPort {
  private readonly base: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpBillingOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async findSubscriberByPhone(phone: string): Promise<BillingSubscriber | null> {
    const r = await this.call('GET', `/subscribers?phone=${encodeURIComponent(phone)}`);
    return r.ok ? (r.value as unknown as BillingSubscriber) : null;
  }

  async getBalance(accountNumber: string): Promise<Balance | null> {
    const r = await this.call('GET', `/accounts/${encodeURIComponent(accountNumber)}/balance`);
    return r.ok ? reviveBalance(r.value) : null;
  }

  async registerPayment(input: PaymentInput): Promise<Result<PaymentReceipt>> {
    const r = await this.call('POST', '/payments', { ...input, paidAt: input.paidAt.toISOString() });
    if (!r.ok) return r;
    const v = r.value as unknown as PaymentReceipt & { paidAt: string; restoration: { restoreBy: string; latestBy: string } | null };
    return {
      ok: true,
      value: {
        ...v,
        paidAt: new Date(v.paidAt),
        balance: reviveBalance(v.balance as unknown as Json),
        restoration: v.restoration ? { restoreBy: new Date(v.restoration.restoreBy), latestBy: new Date(v.restoration.latestBy) } : null,
      },
    };
  }

  async listPlans(accountNumber: string): Promise<Result<PlanOption[]>> {
    const r = await this.call('GET', `/accounts/${encodeURIComponent(accountNumber)}/plans`);
    return r.ok ? { ok: true, value: r.value.plans as PlanOption[] } : r;
  }

  async quotePlanChange(accountNumber: string, toPlanId: string): Promise<Result<PlanChangeQuote>> {
    return this.call('POST', `/accounts/${encodeURIComponent(accountNumber)}/plan-change-quotes`, { toPlanId }) as Promise<Result<PlanChangeQuote>>;
  }

  async orderPlanChange(input: PlanChangeOrderInput): Promise<Result<PlanChangeOrder>> {
    const { accountNumber, ...body } = input;
    return this.call('POST', `/accounts/${encodeURIComponent(accountNumber)}/plan-changes`, body) as Promise<Result<PlanChangeOrder>>;
  }

  async quoteRefusal(input: RefusalQuoteInput): Promise<Result<RefusalQuote>> {
    const { accountNumber, ...body } = input;
    return this.call('POST', `/accounts/${encodeURIComponent(accountNumber)}/refusal-quotes`, body) as Promise<Result<RefusalQuote>>;
  }

  async orderRefusal(input: RefusalOrderInput): Promise<Result<RefusalOrder>> {
    const { accountNumber, ...body } = input;
    return this.call('POST', `/accounts/${encodeURIComponent(accountNumber)}/refusals`, body) as Promise<Result<RefusalOrder>>;
  }

  /** One request: 2xx → value; 404/409/422 → refusal with the billing's reason; anything else → BillingLookupError. */
  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<Json>> {
    let response: Response;
    try {
      response = await this.fetch(`${this.base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new BillingLookupError(`billing ${method} ${path.split('?')[0]} ${timedOut ? 'timed out' : 'unreachable'}`, UNAVAILABLE);
    }
    const payload = await response.json().catch(() => null) as Json | null;
    if (response.ok && payload) return { ok: true, value: payload };
    if ([404, 409, 422].includes(response.status) && payload && typeof payload.reason === 'string') {
      const reason = payload.reason.startsWith('rules:') ? payload.reason : REJECTED;
      const params = (payload.params && typeof payload.params === 'object' ? payload.params : undefined) as Record<string, string | number> | undefined;
      return params ? { ok: false, reason, params } : { ok: false, reason };
    }
    throw new BillingLookupError(`billing ${method} ${path.split('?')[0]} answered ${response.status}`, UNAVAILABLE);
  }
}

function reviveBalance(v: Json): Balance {
  const b = v as unknown as Balance & { asOf: string; lastPayments: Array<{ paidAt: string }> };
  return { ...b, asOf: new Date(b.asOf), lastPayments: b.lastPayments.map((p) => ({ ...p, paidAt: new Date(p.paidAt) })) } as Balance;
}
