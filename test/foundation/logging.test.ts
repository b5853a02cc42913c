import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logging/logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('debug', stream), text: () => lines.join('') };
}

describe('logging redaction', () => {
  it('Should never write phone numbers, IINs, codes, tokens or passwords', () => {
    const { logger, text } = capture();
    logger.info({ phone: '+77011234567', iin: '900101400123', code: '493021', password: 'Sup3rSecret!', token: '123:abc' }, 'verification started');
    logger.info({ user: { phone: '+77011234567' }, chat: { to: '77011234567' } }, 'nested');
    logger.warn('subscriber +7 701 234 56 78 typed 493021 and IIN 900101400123');
    logger.error({ err: new Error('provider refused 87012345678') }, 'sms failed');
    const out = text();
    for (const secret of ['77011234567', '900101400123', '493021', 'Sup3rSecret', '123:abc', '701 234 56 78', '87012345678']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('verification started');
    expect(out).toContain('[redacted]');
  });
});
