/** No phone number, one-time code, SMS text or API key ever reaches the log, whatever happens. */
import { describe, expect, it } from 'vitest';
import { KNOWN_PHONE, UNKNOWN_PHONE, fakeProvider, json, setup } from './verification-fixtures.ts';

describe('verification logs', () => {
  it('Should log the journey without any number, code, SMS text or key', async () => {
    let calls = 0;
    const server = await fakeProvider((_req, res) => {
      calls += 1;
      if (calls === 1) json(res, 503, {});
      else if (calls === 2) json(res, 200, { code: 1, data: {}, message: `Invalid recipient ${KNOWN_PHONE.slice(1)}` });
      else json(res, 200, { code: 0, data: { messageId: 1 }, message: '' });
    });
    try {
      const ctx = await setup({ SMS_PROVIDER: 'mobizon', MOBIZON_API_KEY: 'kzSECRETAPIKEY0123456789', MOBIZON_API_URL: server.url });
      const codes: string[] = [];
      const grabCode = () => {
        const body = server.requests.at(-1)?.body ?? '';
        const code = new URLSearchParams(body).get('text')?.match(/\d{6}/)?.[0];
        if (code) codes.push(code);
        return code ?? '';
      };
      await ctx.verification.startVerification('telegram:42', '8 701 234 56 78');
      await ctx.sms.flush();
      grabCode();
      ctx.clock.advance(5_000);
      await ctx.scheduler.tick(); // permanent failure, with the number in the provider's message
      ctx.clock.advance(61_000);
      await ctx.verification.resend('telegram:42');
      await ctx.sms.flush();
      const code = grabCode();
      await ctx.verification.confirmCode('telegram:42', '000001');
      await ctx.verification.confirmCode('telegram:42', code);
      await ctx.verification.startVerification('webchat:x', UNKNOWN_PHONE);
      ctx.clock.advance(61_000);
      await ctx.verification.requestSignature('telegram:42', 'sub-1', { kind: 'refusal', text: 'Отказ', payload: {} });
      await ctx.sms.flush();
      const signCode = grabCode();
      await ctx.verification.sign('telegram:42', signCode);

      const log = ctx.logLines.join('');
      expect(ctx.logLines.length).toBeGreaterThan(5);
      expect(codes.length).toBeGreaterThanOrEqual(2);
      for (const secret of [...codes, '7012345678', '7475550011', 'kzSECRETAPIKEY0123456789', 'Код:', 'Отказ']) {
        expect(log).not.toContain(secret);
      }
      // The log still tells what happened.
      expect(log).toContain('one-time code issued');
      expect(log).toContain('SMS failed for good');
      expect(log).toContain('application signed');
    } finally {
      await server.close();
    }
  });
});
