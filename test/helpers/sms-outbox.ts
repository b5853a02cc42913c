/** @module The one-time code the SMS outbox holds for a number (SMS_PROVIDER=outbox, the default), waiting for it. */
import type { Store } from '../../core/store/store.ts';

export async function codeFromOutbox(store: Store, phone: string): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const sms = (await store.smsOutbox.list({ limit: 10 })).find((m) => m.to === phone);
    const code = sms && /\b(\d{6})\b/.exec(sms.text)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no code in the SMS outbox');
}
