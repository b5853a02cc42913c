/**
 * Fuzz slice of `npm test` (issue 20 item 9): 10,000 seeded random events through the three channel adapters of the
 * running product — Telegram updates through the local Bot API server, whatsapp-web.js messages, web-chat posts over
 * HTTP — with bursts per chat. No crash, no unhandled rejection, no error logged, no apology, every reply localized,
 * and every sampled chat still answers /menu. `npm run fuzz` runs 100,000 events with the same checks.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz-run.ts';
import { localizationProblems } from './localized.ts';

describe('the localization check the fuzz run applies to every reply', () => {
  it.each([
    ['a raw i18n key', 'bot:menu.title', /raw i18n key/],
    ['an interpolation left open', 'Сумма: {{amount}} ₸', /leaked value/],
    ['a JavaScript value printed', 'Баланс: undefined ₸', /leaked value/],
    ['an English word', 'Ваш баланс: 100 ₸. Please wait', /Latin words Please, wait/],
    ['English only', 'Something went wrong', /Latin words|no Cyrillic/],
  ])('flags %s', (_what, text, problem) => {
    expect(localizationProblems(text).join('; ')).toMatch(problem);
  });

  it.each([
    ['Russian with a brand the translators wrote', 'Тариф Megaline Plus, оплата через Telegram'],
    ['Kazakh with a link', 'Шартты оқыңыз: https://example.kz/contract'],
    ['a model number', 'Модем ZTE H108N қайтарылады'],
  ])('passes %s', (_what, text) => {
    expect(localizationProblems(text, [], ['ZTE'])).toEqual([]);
  });

  it('does not blame the bot for the words the subscriber typed and it quoted back', () => {
    expect(localizationProblems('Не понял: «hello world»', ['hello world'])).toEqual([]);
  });

  it('takes a quote back only as whole words (a typed "nu" does not hide the rest of "Please")', () => {
    expect(localizationProblems('Меню — /menu. Please', ['nu', 'Plea']).join('; ')).toMatch(/Latin words Please/);
  });
});

describe('fuzz: 10,000 random events through Telegram, WhatsApp and the web chat', () => {
  it('handles every event without a crash, an error or an unlocalized reply', async () => {
    const report = await runFuzz({ events: 10_000, seed: 20 });
    const total = report.events.telegram + report.events.whatsapp + report.events.webchat;
    expect(total).toBe(10_000);
    expect(Math.min(report.events.telegram, report.events.whatsapp, report.events.webchat)).toBeGreaterThan(2_000);
    expect(report.defects).toEqual([]);
    expect(report.replies).toBeGreaterThan(10_000);
    expect(report.alive.asked).toBeGreaterThan(40);
    expect(report.alive.silent).toEqual([]);
    expect(report.alive.answered).toBe(report.alive.asked);
  }, 180_000);
});
