/**
 * @module One HTTP POST to an SMS provider with a timeout, sorted into the two kinds of failure the sender cares about:
 * transient (network, timeout, 408, 429, 5xx: try again later) and permanent (other 4xx: retrying will not help).
 */
import { SmsSendError } from '../errors.ts';

export interface HttpAnswer {
  status: number;
  body: string;
}

/** POSTs and returns the answer for any 2xx; throws `SmsSendError` otherwise. Error texts never hold the request. */
export async function postToProvider(provider: string, url: string, init: { headers: Record<string, string>; body: string }, timeoutMs: number): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new SmsSendError(timedOut ? `${provider}: no answer within ${timeoutMs} ms` : `${provider}: network error`, false, { cause: err });
  }
  let body = '';
  try {
    body = await res.text();
  } catch (err) {
    throw new SmsSendError(`${provider}: answer broke off (HTTP ${res.status})`, false, { cause: err });
  }
  if (res.status >= 200 && res.status < 300) return { status: res.status, body };
  const transient = res.status >= 500 || res.status === 408 || res.status === 429;
  throw new SmsSendError(`${provider}: HTTP ${res.status}`, !transient);
}
