import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config/config.ts';

describe('configuration', () => {
  it('Should start with defaults when nothing is set: port 3000, SQLite in ./data, demo data on', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config).toMatchObject({ PORT: 3000, DATA_DIR: './data', STORE: 'sqlite', DEMO_DATA: true, SMS_PROVIDER: 'outbox', PAYMENT_PROVIDER: 'test' });
  });

  it('Should name every problem at once, not just the first', () => {
    const result = loadConfig({ PORT: 'abc', STORE: 'mongo', DEMO_DATA: 'maybe', SMS_PROVIDER: 'webhook' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    expect(text).toMatch(/PORT: must be a number/);
    expect(text).toMatch(/MONGODB_URI: is required when STORE=mongo/);
    expect(text).toMatch(/DEMO_DATA: must be true or false/);
    expect(text).toMatch(/SMS_WEBHOOK_URL: is required when SMS_PROVIDER=webhook/);
    expect(text).toMatch(/SMS_WEBHOOK_SECRET: is required/);
  });

  it.each([
    ['PORT', '70000', /between 0 and 65535/],
    ['STORE', 'postgres', /sqlite or mongo/],
    ['PUBLIC_URL', 'not a url', /must be a URL/],
    ['TELEGRAM_BOT_TOKEN', 'abc', /Bot API token/],
    ['ADMIN_EMAIL', 'admin', /e-mail/],
    ['ADMIN_PASSWORD', 'short', /at least 10/],
  ])('Should refuse %s=%s', (key, value, message) => {
    const result = loadConfig({ [key]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(message);
  });

  it('Should treat empty values as not set', () => {
    const result = loadConfig({ PORT: '', TELEGRAM_BOT_TOKEN: '' });
    expect(result.ok && result.config.PORT).toBe(3000);
  });
});
