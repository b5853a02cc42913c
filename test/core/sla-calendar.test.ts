import { describe, expect, it } from 'vitest';
import {
  addSlaMinutes, addWorkingMinutes, DEFAULT_CALENDAR, isWorkingTime, KAZAKHSTAN_HOLIDAYS, localParts, nextOpening,
} from '../../core/sla/index.ts';

/** A moment given as Almaty wall-clock time (UTC+5). */
const almaty = (local: string) => new Date(`${local}:00+05:00`);
const asAlmaty = (d: Date) => {
  const p = localParts(d);
  return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

describe('business calendar (seed 003 cl. 4: weekdays 09–21, weekends and holidays 10–19, Asia/Almaty)', () => {
  it.each([
    ['cl. 4–5: Friday 20:30 + 2 h → Saturday 11:30', '2026-03-06T20:30', 120, '2026-03-07 11:30'],
    ['cl. 5: a weekday morning request is due two hours later', '2026-03-10T10:00', 120, '2026-03-10 12:00'],
    ['cl. 4: a deadline that lands on closing time stays that evening', '2026-03-10T19:00', 120, '2026-03-10 21:00'],
    ['cl. 4: registered after closing → counted from the next opening', '2026-03-10T22:00', 120, '2026-03-11 11:00'],
    ['cl. 4: registered before opening → counted from 09:00', '2026-03-10T07:15', 120, '2026-03-10 11:00'],
    ['cl. 4: Saturday 18:00 → one hour on Saturday, one on Sunday', '2026-03-14T18:00', 120, '2026-03-15 11:00'],
    ['cl. 4: Sunday after 19:00 → Monday from 09:00', '2026-03-15T19:30', 120, '2026-03-16 11:00'],
    ['holidays: Nauryz Monday 23 March opens at 10:00', '2026-03-23T08:00', 120, '2026-03-23 12:00'],
    ['holidays: Nauryz evening rolls into the transferred day off (weekend hours)', '2026-03-23T18:30', 120, '2026-03-24 11:30'],
    ['holidays: Independence Day closes at 19:00, next day opens at 09:00', '2026-12-16T20:00', 120, '2026-12-17 11:00'],
    ['holidays: Kurban ait 2026 (movable) keeps weekend hours', '2026-05-27T09:00', 120, '2026-05-27 12:00'],
    ['holidays: New Year 1–2 January 2027, then a transferred Monday', '2026-12-31T20:30', 120, '2027-01-01 11:30'],
    ['cl. 4: a long deadline spans several days', '2026-03-10T20:00', 12 * 60, '2026-03-11 20:00'],
  ])('%s', (_title, from, minutes, due) => {
    expect(asAlmaty(addWorkingMinutes(DEFAULT_CALENDAR, almaty(from), minutes))).toBe(due);
  });

  it('Should count calendar time when SLA_CLOCK=calendar: Friday 20:30 → Friday 22:30', () => {
    const due = addSlaMinutes({ clock: 'calendar', calendar: DEFAULT_CALENDAR }, almaty('2026-03-06T20:30'), 120);
    expect(asAlmaty(due)).toBe('2026-03-06 22:30');
  });

  it('Should follow a configured holiday list: without holidays, Nauryz Monday is an ordinary weekday', () => {
    const plain = { ...DEFAULT_CALENDAR, holidays: [] };
    expect(asAlmaty(addWorkingMinutes(plain, almaty('2026-03-23T08:00'), 120))).toBe('2026-03-23 11:00');
    const extra = { ...DEFAULT_CALENDAR, holidays: [{ date: '2026-03-10', name: 'Decree', kind: 'transfer' as const }] };
    expect(asAlmaty(addWorkingMinutes(extra, almaty('2026-03-10T08:00'), 120))).toBe('2026-03-10 12:00');
  });

  it('Should not depend on the machine time zone: Almaty midnight is 19:00 UTC the day before', () => {
    expect(localParts(new Date('2026-03-06T19:00:00Z'))).toMatchObject({ date: '2026-03-07', hour: 0, weekday: 6 });
    expect(localParts(new Date('2026-03-06T18:59:00Z'))).toMatchObject({ date: '2026-03-06', hour: 23, minute: 59, weekday: 5 });
  });

  it.each([
    ['2026-03-10T08:59', false],
    ['2026-03-10T09:00', true],
    ['2026-03-10T20:59', true],
    ['2026-03-10T21:00', false],
    ['2026-03-14T09:30', false],
    ['2026-03-14T10:00', true],
    ['2026-03-14T19:00', false],
    ['2026-05-09T12:00', true],
  ])('cl. 4: %s Almaty is working time: %s', (local, expected) => {
    expect(isWorkingTime(DEFAULT_CALENDAR, almaty(local))).toBe(expected);
  });

  it('Should tell when agents next answer: now during hours, the next opening otherwise', () => {
    expect(asAlmaty(nextOpening(DEFAULT_CALENDAR, almaty('2026-03-10T12:00')))).toBe('2026-03-10 12:00');
    expect(asAlmaty(nextOpening(DEFAULT_CALENDAR, almaty('2026-03-06T22:00')))).toBe('2026-03-07 10:00');
    expect(asAlmaty(nextOpening(DEFAULT_CALENDAR, almaty('2026-03-20T21:30')))).toBe('2026-03-21 10:00');
  });
});

describe('Kazakhstan public holidays, the default list', () => {
  const dates = new Set(KAZAKHSTAN_HOLIDAYS.map((h) => h.date));

  it.each([2026, 2027])('Should hold every fixed public holiday of %i', (year) => {
    for (const md of ['01-01', '01-02', '01-07', '03-08', '03-21', '03-22', '03-23', '05-01', '05-07', '05-09', '07-06', '08-30', '10-25', '12-16']) {
      expect(dates.has(`${year}-${md}`), `${year}-${md}`).toBe(true);
    }
  });

  it('Should hold one Kurban ait (movable) per year', () => {
    expect(KAZAKHSTAN_HOLIDAYS.filter((h) => h.name.startsWith('Құрбан айт')).map((h) => h.date)).toEqual(['2026-05-27', '2027-05-16']);
  });

  it('Should put transferred days off on weekdays only', () => {
    for (const h of KAZAKHSTAN_HOLIDAYS.filter((x) => x.kind === 'transfer')) {
      const weekday = new Date(`${h.date}T12:00:00Z`).getUTCDay();
      expect([1, 2, 3, 4, 5], h.date).toContain(weekday);
    }
  });
});
