/**
 * @module SMS through the operator's own gateway: POST JSON `{id, to, text}` to SMS_WEBHOOK_URL with the hex
 * HMAC-SHA256 of the exact body bytes, keyed by SMS_WEBHOOK_SECRET, in the `X-Signature` header.
 * 2xx = accepted; 408, 429, 5xx, timeouts and network errors are retried; any other 4xx is a permanent refusal.
 */
import { createHmac } from 'node:crypto';
import type { SmsProvider } from './port.ts';
import { postToProvider } from './http.ts';

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs: number;
}

/** Signs a raw body the way the receiver checks it. */
export function signWebhookBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

export function webhookProvider(options: WebhookOptions): SmsProvider {
  return {
    name: 'webhook',
    async send(message) {
      const body = JSON.stringify({ id: message.id, to: message.to, text: message.text });
      const answer = await postToProvider('webhook', options.url, {
        headers: { 'content-type': 'application/json', 'x-signature': signWebhookBody(options.secret, body) },
        body,
      }, options.timeoutMs);
      return { providerMessageId: readId(answer.body) };
    },
  };
}

/** The receiver may answer with its own id (`{"id": "..."}`); anything else is fine too. */
function readId(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'id' in parsed) {
      const id = (parsed as { id: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') return String(id);
    }
  } catch {
    // not JSON: accepted without an id
  }
  return null;
}
