/**
 * @module Configuration: every setting the product reads, from environment variables (and an optional `.env`),
 * validated once at start-up. `loadConfig` returns either the config or a list of every problem found.
 */
import { z } from 'zod';
import { securitySettings } from './security.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const port = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');
// PORT=0 asks the system for a free port (tests and benchmarks use it).

const optionalUrl = z.url({ message: 'must be a URL like https://example.kz' }).optional();

const schema = z
  .object({
    PORT: port.default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    STORE: z.enum(['sqlite', 'mongo'], { message: 'must be sqlite or mongo' }).default('sqlite'),
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
    PUBLIC_URL: optionalUrl,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEMO_DATA: bool.default(true),
    ADMIN_EMAIL: z.email({ message: 'must be an e-mail address' }).default('admin@example.kz'),
    ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),

    BILLING_PROVIDER: z.enum(['ledger', 'http']).default('ledger'),
    BILLING_URL: optionalUrl,
    BILLING_TOKEN: z.string().optional(),
    BILLING_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
    DISCONNECT_AFTER_DAYS: z.coerce.number().int().nonnegative().default(10),
    PLAN_UPGRADE_IMMEDIATE: bool.default(false),
    /** seed: an advance charge is late after the 25th of the next month (seed 001 status 5); charge-day: from the 2nd (cl. 21(1)). */
    /** Days after a refusal's termination date before operator equipment not handed back is charged (cl. 32(10): that day). */
    EQUIPMENT_RETURN_GRACE_DAYS: z.coerce.number().int().nonnegative().default(0),
    ADVANCE_OVERDUE_RULE: z.enum(['seed', 'charge-day'], { message: 'must be seed or charge-day' }).default('seed'),

    SMS_PROVIDER: z.enum(['outbox', 'webhook', 'mobizon']).default('outbox'),
    SMS_WEBHOOK_URL: optionalUrl,
    SMS_WEBHOOK_SECRET: z.string().optional(),
    MOBIZON_API_KEY: z.string().optional(),
    MOBIZON_API_URL: z.url().default('https://api.mobizon.kz'),
    SMS_SENDER: z.string().optional(),

    OTP_LENGTH: z.coerce.number().int().min(4).max(8).default(6),
    OTP_TTL_SECONDS: z.coerce.number().int().positive().default(300),
    OTP_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
    OTP_RESEND_SECONDS: z.coerce.number().int().nonnegative().default(60),
    OTP_MAX_PER_HOUR: z.coerce.number().int().positive().default(5),
    OTP_MAX_NUMBERS_PER_CHAT: z.coerce.number().int().positive().default(3),
    LINK_LIFETIME_DAYS: z.coerce.number().int().positive().default(90),

    TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'does not look like a Bot API token').optional(),
    TELEGRAM_WEBHOOK_URL: optionalUrl,
    TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'may hold only A-Z, a-z, 0-9, _ and -').optional(),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),

    PAYMENT_PROVIDER: z.enum(['test', 'freedompay']).default('test'),
    FREEDOMPAY_MERCHANT_ID: z.string().optional(),
    FREEDOMPAY_SECRET_KEY: z.string().optional(),
    FREEDOMPAY_API_URL: z.url().default('https://api.freedompay.kz'),
    FREEDOMPAY_TESTING_MODE: bool.default(false),
    PAYMENT_MIN_AMOUNT: z.coerce.number().int().positive().default(100),
    PAYMENT_MAX_AMOUNT: z.coerce.number().int().positive().default(500000),

    SLA_CALLBACK_MINUTES: z.coerce.number().int().positive().default(120),
    SLA_CLOCK: z.enum(['working-hours', 'calendar']).default('working-hours'),
    ESCALATE_AFTER_MINUTES: z.coerce.number().int().nonnegative().default(0),
    SCHEDULER_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
    /** How long a survey dispatcher's lease lasts without renewal: after a crash, another instance resumes this much later. */
    SURVEY_DISPATCH_LEASE_MS: z.coerce.number().int().min(1000).default(20_000),
    /** How long a claimed job is held: after a crash, another instance (or the restart) runs it again after this. */
    SCHEDULER_LEASE_SECONDS: z.coerce.number().int().min(1).default(60),
    /** Several instances on one store: how often each sends what others queued for its channels and reads the live feed. */
    INSTANCE_POLL_MS: z.coerce.number().int().min(50).default(1000),
    /** A subscriber's answer this long after an agent's message still reaches that agent (issue 14 item 4). */
    AGENT_REPLY_WINDOW_MINUTES: z.coerce.number().int().positive().max(24 * 60).default(30),

    WHATSAPP_ENABLED: bool.default(false),
    CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),

    CONTRACT_URL: z.url().default('https://telecom.kz/ru/common/publichnyy-dogovor'),
    /** The contract's Kazakh page, linked in Kazakh chats (issue 14 item 6). */
    CONTRACT_URL_KK: z.url().default('https://telecom.kz/kk/common/publichnyy-dogovor'),
    SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),

    ...securitySettings,
  });

/** Settings that only make sense together. Checked on the raw values, so they are reported with the others. */
const REQUIRED_TOGETHER: Array<[when: (e: Record<string, string>) => boolean, key: string, why: string]> = [
  [(e) => e.STORE === 'mongo', 'MONGODB_URI', 'when STORE=mongo'],
  [(e) => e.BILLING_PROVIDER === 'http', 'BILLING_URL', 'when BILLING_PROVIDER=http'],
  [(e) => e.SMS_PROVIDER === 'webhook', 'SMS_WEBHOOK_URL', 'when SMS_PROVIDER=webhook'],
  [(e) => e.SMS_PROVIDER === 'webhook', 'SMS_WEBHOOK_SECRET', 'when SMS_PROVIDER=webhook'],
  [(e) => e.SMS_PROVIDER === 'mobizon', 'MOBIZON_API_KEY', 'when SMS_PROVIDER=mobizon'],
  [(e) => e.PAYMENT_PROVIDER === 'freedompay', 'FREEDOMPAY_MERCHANT_ID', 'when PAYMENT_PROVIDER=freedompay'],
  [(e) => e.PAYMENT_PROVIDER === 'freedompay', 'FREEDOMPAY_SECRET_KEY', 'when PAYMENT_PROVIDER=freedompay'],
  [(e) => e.PAYMENT_PROVIDER === 'freedompay', 'PUBLIC_URL', 'when PAYMENT_PROVIDER=freedompay (the gateway calls /pay/result back)'],
  [(e) => Boolean(e.TELEGRAM_WEBHOOK_URL), 'TELEGRAM_BOT_TOKEN', 'when TELEGRAM_WEBHOOK_URL is set'],
];

export type Config = z.output<typeof schema>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/**
 * Reads and validates configuration. Empty strings count as "not set".
 * @example loadConfig({ PORT: 'abc' }) // { ok: false, problems: ['PORT: must be a number'] }
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`);
  for (const [when, key, why] of REQUIRED_TOGETHER) {
    if (when(cleaned as Record<string, string>) && !cleaned[key]) problems.push(`${key}: is required ${why}`);
  }
  if (parsed.success && problems.length === 0) return { ok: true, config: parsed.data };
  return { ok: false, problems };
}

/** Config for tests: defaults plus the given overrides; throws with every problem if invalid. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const result = loadConfig({ DEMO_DATA: 'false', LOG_LEVEL: 'silent', ...overrides });
  if (!result.ok) throw new Error(`invalid test config:\n${result.problems.join('\n')}`);
  return result.config;
}
