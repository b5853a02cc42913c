/**
 * The SMS outbox page: filtered by number in any form people type it, and live — its event stream says when the
 * first page changed (a new message, a delivery state), so the page swaps in the new rows.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SmsMessage } from '../../core/sms/model.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

async function admin() {
  const f = await consoleFixture();
  const b = f.browser();
  await b.signIn((await f.user(['admin'])).email);
  const sms = (to: string, text: string, over: Partial<SmsMessage> = {}) =>
    f.store.smsOutbox.add({
      id: randomUUID(), to, text, purpose: 'verify', chatKey: null, provider: 'outbox', status: 'sent', attempts: 1, lastError: null,
      providerMessageId: null, createdAt: f.clock.now(), updatedAt: f.clock.now(), sentAt: f.clock.now(), expiresAt: null, nextAttemptAt: null, ...over,
    });
  return { f, b, sms };
}

/** Reads server-sent events from a streaming response until `want` arrives or the time runs out. */
async function waitForEvent(res: Response, want: string, ms: number): Promise<boolean> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value);
      if (text.includes(`event: ${want}`)) return true;
    }
    return false;
  } finally {
    await reader.cancel();
  }
}

describe('SMS outbox page', () => {
  it.each(['+77011234567', '8 701 123 45 67', '87011234567', '7011234567'])('Should list only the messages to a number typed as %s', async (typed) => {
    const { b, sms } = await admin();
    await sms('+77011234567', 'Код: 111111');
    await sms('+77029998877', 'Код: 222222');
    await b.get(`/admin/sms?phone=${encodeURIComponent(typed)}`);
    const text = visibleText(b.last.html);
    expect(text).toContain('Код: 111111');
    expect(text).not.toContain('Код: 222222');
  });

  it('Should say when the number is not a Kazakh mobile number, and list nothing', async () => {
    const { b, sms } = await admin();
    await sms('+77011234567', 'Код: 111111');
    await b.get('/admin/sms?phone=12345');
    const text = visibleText(b.last.html);
    expect(text).toContain('Это не похоже на казахстанский мобильный номер');
    expect(text).not.toContain('Код: 111111');
  });

  it('Should tell an open page that a new message arrived, and give it the fresh rows', async () => {
    const { f, b, sms } = await admin();
    await sms('+77011234567', 'Код: 111111');
    await b.get('/admin/sms?phone=%2B77011234567');
    expect(b.last.html).toContain('data-sms-events="/admin/sms/events?phone=%2B77011234567"');
    const stream = await b.get('/admin/sms/events?phone=%2B77011234567', { accept: 'text/event-stream' });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await sms('+77011234567', 'Код: 333333', { createdAt: new Date(f.clock.now().getTime() + 1000) });
    expect(await waitForEvent(stream, 'changed', 5_000)).toBe(true);
    const rows = await (await b.get('/admin/sms/rows?phone=%2B77011234567')).text();
    expect(visibleText(rows)).toMatch(/Код: 333333.*Код: 111111/);
  });
});
