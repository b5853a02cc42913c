/**
 * @module A local HTTP server that answers like the operator's billing per core/billing/openapi.yaml. It serves the
 * behaviour of our ledger over the wire, so the HTTP adapter can be held to exactly what the ledger does; a few
 * switches make it fail the ways a real billing fails (slow, 5xx, foreign reason codes, wrong token).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  BillingPort, PaymentInput, PlanChangeOrderInput, RefusalOrderInput, RefusalQuoteInput, Result,
} from '../../core/billing/port.ts';

export interface FakeBillingServer {
  url: string;
  /** Requests seen, for checks on the wire format. */
  requests: Array<{ method: string; path: string; authorization: string | undefined; body: unknown }>;
  /** Answers every request after this many ms (timeouts). */
  delayMs: number;
  /** Answers every request with this status and a non-JSON body (outages). */
  failWith: number | null;
  /** Answers refusals with this reason instead of the ledger's (foreign codes). */
  reasonOverride: string | null;
  close(): Promise<void>;
}

const read = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
};

/** Starts the server on a free loopback port, serving `billing` and requiring `Bearer <token>`. */
export async function startFakeBilling(billing: BillingPort, token: string): Promise<FakeBillingServer> {
  const state: FakeBillingServer = { url: '', requests: [], delayMs: 0, failWith: null, reasonOverride: null, close: async () => {} };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const answer = <T>(res: ServerResponse, r: Result<T>, okStatus = 200) => {
    if (r.ok) return send(res, okStatus, r.value);
    const status = r.reason === 'rules:payment.unknownAccount' ? 404 : r.reason.endsWith('Conflict') ? 409 : 422;
    send(res, status, { reason: state.reasonOverride ?? r.reason, ...(r.params ? { params: r.params } : {}) });
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const body = await read(req) as Record<string, unknown> | undefined;
    state.requests.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization, body });
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (state.failWith) return res.writeHead(state.failWith, { 'content-type': 'text/plain' }).end('upstream error');
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { reason: 'unauthorized' });
    const account = url.pathname.match(/^\/accounts\/(\d+)\/([a-z-]+)$/);
    try {
      if (req.method === 'GET' && url.pathname === '/subscribers') {
        const s = await billing.findSubscriberByPhone(url.searchParams.get('phone') ?? '');
        return s ? send(res, 200, s) : send(res, 404, { reason: 'rules:payment.unknownAccount' });
      }
      if (req.method === 'POST' && url.pathname === '/payments') {
        return answer(res, await billing.registerPayment({ ...(body as unknown as PaymentInput), paidAt: new Date(String(body?.paidAt)) }));
      }
      if (account) {
        const [, number, what] = account as unknown as [string, string, string];
        if (req.method === 'GET' && what === 'balance') {
          const b = await billing.getBalance(number);
          return b ? send(res, 200, b) : send(res, 404, { reason: 'rules:payment.unknownAccount' });
        }
        if (req.method === 'GET' && what === 'plans') {
          const r = await billing.listPlans(number);
          return answer(res, r.ok ? { ok: true, value: { plans: r.value } } : r);
        }
        if (req.method === 'POST' && what === 'plan-change-quotes') return answer(res, await billing.quotePlanChange(number, String(body?.toPlanId)));
        if (req.method === 'POST' && what === 'plan-changes') return answer(res, await billing.orderPlanChange({ ...(body as unknown as PlanChangeOrderInput), accountNumber: number }));
        if (req.method === 'POST' && what === 'refusal-quotes') return answer(res, await billing.quoteRefusal({ ...(body as unknown as RefusalQuoteInput), accountNumber: number }));
        if (req.method === 'POST' && what === 'refusals') return answer(res, await billing.orderRefusal({ ...(body as unknown as RefusalOrderInput), accountNumber: number }));
      }
      send(res, 404, { reason: 'not_found' });
    } catch (err) {
      send(res, 500, { error: String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}
