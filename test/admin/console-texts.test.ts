/**
 * What a console user reads, in Kazakh and Russian: no raw translation key or machine code on any page, one word for
 * one thing ("супервайзер"), buttons that do different things read differently, no English in the built-in holidays.
 */
import { describe, expect, it } from 'vitest';
import { readLocales } from '../../core/i18n/i18n.ts';
import { KAZAKHSTAN_HOLIDAYS } from '../../core/sla/holidays.ts';
import { busyConsole, everyPage } from './busy-console.fixture.ts';
import { visibleText } from './console.fixture.ts';

/** Attribute texts a person also reads (placeholders, tooltips, confirmations). */
function attributeTexts(html: string): string {
  return [...html.matchAll(/\s(?:placeholder|title|aria-label|data-confirm)="([^"]*)"/g)].map((m) => m[1]).join(' ');
}

/** Words that look like an untranslated key (`permissions.whatsapp.manage`, `admin:x.y`) or a code (`user.roles_changed`). */
export function rawKeys(text: string): string[] {
  const cleaned = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  const dotted = cleaned.match(/\b(?:[a-z]+:)?[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b/g) ?? [];
  const snake = cleaned.match(/\b[a-z]+_[a-z_]+\b/g) ?? [];
  return [...dotted, ...snake].filter((w) => !/\.(kz|js|css|com|ru|org|net|json|png|html)$/.test(w));
}

describe('console texts', () => {
  it.each(['kk', 'ru'] as const)('Should show no raw translation key or action code on any page (%s)', async (lang) => {
    const busy = await busyConsole();
    await busy.b.post('/admin/language', { lang, back: '/admin/tickets' });
    const found: string[] = [];
    for (const path of await everyPage(busy)) {
      await busy.b.get(path);
      expect(busy.b.last.status, path).toBe(200);
      const keys = rawKeys(`${visibleText(busy.b.last.html)} ${attributeTexts(busy.b.last.html)}`);
      if (keys.length) found.push(`${path}: ${[...new Set(keys)].join(', ')}`);
    }
    expect(found).toEqual([]);
  }, 60_000);

  it('Should spell "супервайзер" one way in every locale file', () => {
    const text = JSON.stringify(readLocales());
    expect(text.match(/супервизор\S*/gi) ?? []).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)('Should label every button of a ticket page differently (%s)', async (lang) => {
    const busy = await busyConsole();
    await busy.b.post('/admin/language', { lang, back: '/admin/tickets' });
    // A breached ticket awaiting a supervisor: the take button and the acknowledge button are both there.
    const { f, tickets } = busy;
    const other = await f.ticket({ chatKey: 'telegram:labels' });
    f.clock.set(new Date(f.clock.now().getTime() + 31 * 60_000));
    await f.scheduler.tick();
    await busy.b.get(`/admin/tickets/${other.id}`);
    const labels = [...busy.b.last.html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)]
      .map((m) => visibleText(m[1]!))
      .filter((l) => !['Қаз', 'Рус'].includes(l));
    expect(labels.length).toBeGreaterThan(4);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
    void tickets;
  }, 30_000);

  it('Should name the built-in holidays in Kazakh and Russian only, with no English', () => {
    const english = KAZAKHSTAN_HOLIDAYS.filter((h) => /[A-Za-z]{3,}/.test(h.name)).map((h) => `${h.date} ${h.name}`);
    expect(english).toEqual([]);
  });
});
