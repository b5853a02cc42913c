/**
 * @module Structured logging (pino) with redaction: phone numbers, IINs, one-time codes, tokens and passwords
 * never reach the log, whether they sit in a known field or inside free text.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
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

let captureFile: pino.DestinationStream | null = null;

/**
 * `LOG_CAPTURE_DIR`: a copy of every log line, at every level and already redacted, goes to `<dir>/<pid>.jsonl`.
 * The test run sets it so its log scan (test/setup/log-scan.global.ts) reads all that any test logged, even where
 * the test itself logs nothing (`silent`).
 */
function capture(): pino.DestinationStream | null {
  const dir = process.env.LOG_CAPTURE_DIR;
  if (!dir) return null;
  captureFile ??= pino.destination({ dest: join(dir, `${process.pid}.jsonl`), sync: true, mkdir: true });
  return captureFile;
}

/**
 * A chat as the log names it: the channel and a short hash of the chat's id. A WhatsApp chat id *is* the phone
 * number (`77011234567@c.us`) and a Telegram one a user id, so logs carry a stable reference to correlate lines,
 * never the id itself.
 * @example chatRef('whatsapp:77011234567@c.us') // 'whatsapp:#3f9a1c0b2e'
 */
export function chatRef(chat: unknown): string {
  const text = String(chat);
  const at = text.indexOf(':');
  const channel = at > 0 ? text.slice(0, at) : 'chat';
  return `${channel}:#${createHash('sha256').update(text).digest('hex').slice(0, 10)}`;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const copy = capture();
  const out = copy
    ? pino.multistream([
      ...(level === 'silent' ? [] : [{ level: level as pino.Level, stream: destination ?? pino.destination(1) }]),
      { level: 'trace' as const, stream: copy },
    ])
    : destination;
  return pino(
    {
      level: copy ? 'trace' : level,
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
        chat: chatRef,
        chatKey: chatRef,
        err: (err: unknown) => {
          const s = pino.stdSerializers.err(err as Error);
          return { ...s, message: scrubText(s.message ?? ''), stack: s.stack ? scrubText(s.stack) : undefined };
        },
      },
    },
    out,
  );
}

/** A logger that drops everything; for tests that do not look at logs (the run's log capture still sees it). */
export const silentLogger: Logger = createLogger('silent');
