/**
 * @module Structured logging (pino) with redaction: phone numbers, IINs, one-time codes, tokens and passwords
 * never reach the log, whether they sit in a known field or inside free text.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Field names whose values are always replaced, at any depth we know of. */
const SECRET_FIELDS = [
  'phone', 'msisdn', 'to', 'iin', 'code', 'otp', 'password', 'passwordHash', 'token', 'secret',
  'authorization', 'cookie', 'apiKey', 'text', 'body',
];

const redactPaths = SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

/** Masks digit runs that look like phone numbers, IINs or codes inside free text. */
export function scrubText(text: string): string {
  return text
    .replace(/\+?\d[\d\s()-]{8,}\d/g, '[redacted-number]')
    .replace(/\b\d{4,8}\b/g, '[redacted-digits]')
    .replace(/\b\d+:[A-Za-z0-9_-]{20,}\b/g, '[redacted-token]');
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: {
        err: (err: unknown) => {
          const s = pino.stdSerializers.err(err as Error);
          return { ...s, message: scrubText(s.message ?? ''), stack: s.stack ? scrubText(s.stack) : undefined };
        },
      },
    },
    destination,
  );
}

/** A logger that drops everything; for tests that do not look at logs. */
export const silentLogger: Logger = pino({ level: 'silent' });
