/**
 * Settings → SLA (PRODUCT.md "Settings"; seed 003 cl. 4–5): administrators edit the callback minutes, the clock, the
 * escalation delay, business hours and holidays; the change is audited and applies to tickets registered afterwards.
 */
import { describe, expect, it } from 'vitest';
import { consoleFixture, visibleText } from './console.fixture.ts';

const PAGE = '/admin/settings/sla';

async function asAdmin() {
  const f = await consoleFixture();
  const admin = await f.user(['admin']);
  const b = f.browser();
  await b.signIn(admin.email);
  return { f, b, admin };
}

const form = (over: Record<string, string> = {}) => ({
  callbackMinutes: '45', clock: 'calendar', escalateAfterMinutes: '0',
  weekdayOpen: '08:00', weekdayClose: '20:00', weekendOpen: '10:00', weekendClose: '18:00',
  holidays: '2026-03-23 Наурыз мейрамы\n2026-05-27 Құрбан айт',
  ...over,
});

describe('SLA settings page', () => {
  it('cl. 4–5: Should show the policy in force: 120 minutes in working hours, 09:00–21:00 and 10:00–19:00, the holidays', async () => {
    const { b } = await asAdmin();
    await b.get(PAGE);
    expect(b.last.status).toBe(200);
    const text = visibleText(b.last.html);
    expect(text).toContain('Настройки SLA');
    expect(b.last.html).toContain('href="/admin/settings/sla"');
    expect(b.last.html).toContain('name="callbackMinutes" min="1" max="10080" required="" value="120"');
    expect(b.last.html).toMatch(/<option value="working-hours" selected="">/);
    expect(b.last.html).toContain('value="09:00"');
    expect(b.last.html).toContain('value="21:00"');
    expect(text).toContain('2026-03-23 Наурыз мейрамы');
  });

  it('Should save the policy, write the audit log, and give tickets registered afterwards the new deadline', async () => {
    const { f, b, admin } = await asAdmin();
    const before = await f.ticket({ chatKey: 'telegram:1' });
    await b.get(PAGE);
    const res = await b.post(PAGE, form());
    expect(res.status).toBe(303);
    await b.get(res.headers.get('location')!);
    expect(visibleText(b.last.html)).toContain('Настройки SLA сохранены');
    expect(b.last.html).toContain('value="45"');

    const after = await f.ticket({ chatKey: 'telegram:2' });
    expect(after.callbackDueAt!.getTime() - after.createdAt.getTime()).toBe(45 * 60_000);
    expect(after.status).toBe('escalated');
    expect((await f.tickets.get(before.id))!.callbackDueAt).toEqual(before.callbackDueAt);

    const [entry] = await f.store.audit.list({ action: 'settings.sla', limit: 5 });
    expect(entry).toMatchObject({ actorId: admin.id, entity: 'settings', details: { callbackMinutes: 45, clock: 'calendar', holidays: 2 } });
  });

  it('Should refuse opening hours that end before they start, and a holiday line that is not a date, saving nothing', async () => {
    const { f, b } = await asAdmin();
    await b.get(PAGE);
    await b.post(PAGE, form({ weekdayOpen: '21:00', weekdayClose: '09:00' }));
    expect(b.last.status).toBe(422);
    expect(visibleText(b.last.html)).toContain('Будни: время начала работы должно быть раньше времени окончания.');
    await b.post(PAGE, form({ holidays: '2026-03-23 Наурыз\n23.03.2026 Наурыз' }));
    expect(b.last.status).toBe(422);
    expect(visibleText(b.last.html)).toContain('Не удалось разобрать строку «23.03.2026 Наурыз»');
    expect(await f.store.audit.list({ action: 'settings.sla', limit: 5 })).toEqual([]);
  });

  it('Should report every problem of the form at once, each at its field, keeping what was typed', async () => {
    const { f, b } = await asAdmin();
    await b.get(PAGE);
    await b.post(PAGE, form({
      callbackMinutes: '0', escalateAfterMinutes: 'десять', weekdayOpen: '21:00', weekdayClose: '09:00', weekendOpen: '25:00',
      holidays: '2026-03-23 Наурыз\n23.03.2026 Наурыз\n2026-02-30 Нет такого дня',
    }));
    expect(b.last.status).toBe(422);
    const text = visibleText(b.last.html);
    const summary = /<div class="notice notice-error" role="alert" data-problems="(\d+)">([\s\S]*?)<\/div>/.exec(b.last.html)!;
    expect(summary[1]).toBe('6');
    for (const problem of [
      'Срок обратного звонка — целое число минут от 1 до 10080.',
      'Время передачи во вторую линию — целое число минут от 0 до 10080.',
      'Будни: время начала работы должно быть раньше времени окончания.',
      'Выходные и праздники: укажите время в виде ЧЧ:ММ, например 09:00.',
      'Не удалось разобрать строку «23.03.2026 Наурыз»',
      'Не удалось разобрать строку «2026-02-30 Нет такого дня»',
    ]) expect(visibleText(summary[2]!), problem).toContain(problem);
    expect(b.last.html).toContain('name="callbackMinutes" min="1" max="10080" required="" value="0" aria-invalid="true" aria-describedby="error-callbackMinutes"');
    expect(b.last.html).toContain('id="error-holidays"');
    expect(text).toContain('23.03.2026 Наурыз');
    expect(await f.store.audit.list({ action: 'settings.sla', limit: 5 })).toEqual([]);
  });

  it('Should be for administrators only: supervisors and agents get 403 and see no link', async () => {
    const f = await consoleFixture();
    for (const role of ['supervisor', 'agent'] as const) {
      const b = f.browser();
      await b.signIn((await f.user([role])).email);
      expect(b.last.html).not.toContain('href="/admin/settings/sla"');
      expect((await b.get(PAGE)).status).toBe(403);
      expect((await b.post(PAGE, form())).status).toBe(403);
    }
  });
});
