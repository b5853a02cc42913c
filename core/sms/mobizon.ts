/**
 * @module SMS through Mobizon (Kazakhstan), following its HTTP API documentation (help.mobizon.com/help/api-docs):
 * POST `{MOBIZON_API_URL}/service/message/sendsmsmessage?output=json&api=v1&apiKey=…` with a form body
 * `recipient` (international digits, no '+'), `text`, optional `from` (registered sender id, SMS_SENDER) and
 * `params[validity]` (minutes, 60 at least). The answer is JSON `{code, data: {campaignId, messageId, status}, message}`;
 * code 0 means accepted. Codes 3 (unidentified error), 10 (save error), 15, 30 (rate limit) and 999 (general service
 * error) are retried; the rest (1 validation, 2 not found, 8 login, 9 access, 11/12 parameters, 13 wrong server,
 * 14 account blocked, …) are permanent.
 */
import { SmsSendError } from '../errors.ts';
import { scrubText } from '../logging/logger.ts';
import type { SmsProvider } from './port.ts';
import { postToProvider } from './http.ts';

export interface MobizonOptions {
  apiUrl: string;
  apiKey: string;
  sender: string | undefined;
  timeoutMs: number;
}

const TRANSIENT_CODES = new Set([3, 10, 15, 30, 999]);

export function mobizonProvider(options: MobizonOptions): SmsProvider {
  const endpoint = `${options.apiUrl.replace(/\/+$/, '')}/service/message/sendsmsmessage`;
  return {
    name: 'mobizon',
    async send(message) {
      const query = new URLSearchParams({ output: 'json', api: 'v1', apiKey: options.apiKey });
      const form = new URLSearchParams({ recipient: message.to.replace(/\D/g, ''), text: message.text });
      if (options.sender) form.set('from', options.sender);
      // Codes live 5 minutes; the shortest validity Mobizon accepts is 60 minutes.
      form.set('params[validity]', '60');
      const answer = await postToProvider('mobizon', `${endpoint}?${query.toString()}`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      }, options.timeoutMs);
      const parsed = parseAnswer(answer.body);
      if (!parsed) throw new SmsSendError('mobizon: answer is not the documented JSON', false);
      if (parsed.code === 0 || parsed.code === 100) return { providerMessageId: parsed.messageId };
      const detail = parsed.message ? `: ${scrubText(parsed.message).slice(0, 200)}` : '';
      throw new SmsSendError(`mobizon: code ${parsed.code}${detail}`, !TRANSIENT_CODES.has(parsed.code));
    },
  };
}

function parseAnswer(body: string): { code: number; messageId: string | null; message: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const record = parsed as { code?: unknown; data?: unknown; message?: unknown };
  const code = typeof record.code === 'number' ? record.code : Number(record.code);
  if (!Number.isInteger(code)) return null;
  const data = record.data && typeof record.data === 'object' ? (record.data as { messageId?: unknown }) : {};
  const messageId = typeof data.messageId === 'number' || typeof data.messageId === 'string' ? String(data.messageId) : null;
  return { code, messageId, message: typeof record.message === 'string' ? record.message : '' };
}
