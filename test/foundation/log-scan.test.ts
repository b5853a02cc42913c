/**
 * The log scanner (issue 20 item 13) finds every kind of secret the run must never log, in values and field names,
 * and lets through the shapes logs legitimately hold; the run-wide scan itself is test/setup/log-scan.global.ts.
 */
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../core/logging/logger.ts';
import { isIin, scanLine } from '../helpers/log-scan.ts';

const rules = (line: unknown) => scanLine(typeof line === 'string' ? line : JSON.stringify(line), 'x').map((h) => h.rule);

describe('the log scanner', () => {
  it.each([
    ['a phone number in +7 form', { msg: 'sms to +7 701 234 56 78 failed' }, 'phone'],
    ['a phone number in 8 form inside another field', { detail: { to: 'x', raw: '87012345678' } }, 'phone'],
    ['a bare ten-digit number', { input: '7012345678' }, 'phone'],
    ['an IIN', { note: 'IIN 900101400123 checked' }, 'iin'],
    ['a one-time code', { typed: '493021' }, 'code'],
    ['a 4-digit code inside text', { msg: 'your code is 4821.' }, 'code'],
    ['a Bot API token', { url: 'bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe' }, 'token'],
    ['a session token', { cookie2: 'wc=Qm9vZ2l3aGF0ZXZlcjEyMzQ1Njc4OTBhYmNkZWZnaGlq' }, 'token'],
    ['a password field', { password: 'Sup3rSecret!' }, 'password'],
    ['a nested secret field', { user: { token: 'abc' } }, 'token'],
    ['a phone number as a field name', { '+77011234567': true }, 'phone'],
  ])('Should find %s', (_what, line, rule) => {
    expect(rules(line)).toContain(rule);
  });

  it.each([
    ['ids, times and amounts', { time: 1796186144069, paymentId: '5b0f6c1a-2d3e-4f50-8a61-7b8c9d0e1f23', at: '2026-12-02T04:35:32.123Z', amountTiyn: 724550, ticket: 'T-000123', wire: '7245.50' }],
    ['URLs with ports and stack positions', { url: 'http://127.0.0.1:43567/pay/result', stack: 'Error: x\n    at run (/work/core/server/x.ts:120:15)' }],
    ['redacted values', { phone: '[redacted]', msg: 'subscriber [redacted-number] typed [redacted-digits]' }],
    ['a gateway test id and a chat key', { gateway: 'TEST-4815162342', chat: 'webchat:Xy3kPq9LmN2vB7cD4eF1gH' }],
  ])('Should let %s through', (_what, line) => {
    expect(scanLine(JSON.stringify(line), 'x')).toEqual([]);
  });

  it('Should tell an IIN by its date part, not by its length alone', () => {
    expect(isIin('900101400123')).toBe(true);
    expect(isIin('100000000001')).toBe(false); // a personal-account number
    expect(isIin('901301400123')).toBe(false); // month 13
  });

  it('Should find nothing in what the product\'s logger writes, even when asked to log secrets', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } }));
    logger.info({ phone: '+77011234567', iin: '900101400123', code: '493021', password: 'Sup3rSecret!', token: '123:abc' }, 'verification started');
    logger.warn('subscriber +7 701 234 56 78 typed 493021 and IIN 900101400123');
    logger.error({ err: new Error('provider refused 87012345678') }, 'sms failed');
    expect(lines.length).toBe(3);
    expect(lines.flatMap((l) => scanLine(l, 'x'))).toEqual([]);
  });

  it('Should log a chat by a stable reference, never by its id (a WhatsApp chat id is the phone number)', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', new Writable({ write(chunk, _e, done) { lines.push(String(chunk)); done(); } }));
    logger.debug({ chat: 'whatsapp:77770001122@c.us' }, 'duplicate update ignored');
    logger.warn({ chat: 'telegram:48213377', chatKey: 'whatsapp:77770001122@c.us' }, 'slow down');
    expect(lines.join('')).not.toContain('77770001122');
    expect(lines.join('')).not.toContain('48213377');
    expect(JSON.parse(lines[0]!).chat).toBe(JSON.parse(lines[1]!).chatKey);
    expect(lines.flatMap((l) => scanLine(l, 'x'))).toEqual([]);
  });
});
