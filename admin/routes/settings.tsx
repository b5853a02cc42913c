/**
 * @module Settings → SLA (PRODUCT.md "Settings"; seed 003 cl. 4–5): the callback deadline in minutes, how it is
 * counted (working hours or calendar time), when a technical ticket goes to the second line, the business hours of
 * weekdays and of weekends/holidays, and the holidays list. Administrators only (`settings.sla`). Saved through
 * core/sla `saveSlaPolicy` and audited; tickets registered from then on use it, earlier ones keep their deadline.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Translate } from '../../core/i18n/i18n.ts';
import { loadSlaPolicy, saveSlaPolicy, SLA_POLICY_SETTING, type Holiday, type SlaPolicy } from '../../core/sla/index.ts';
import type { ConsoleEnv, ConsoleDeps } from '../context.ts';
import { href } from '../context.ts';
import { requires } from '../guard.ts';
import { Csrf, Notice } from '../ui/bits.tsx';
import { form } from '../validation.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
const minutes = (max: number) => z.coerce.number().int().min(0).max(max);

const slaForm = z.object({
  callbackMinutes: minutes(7 * 24 * 60).refine((v) => v > 0),
  clock: z.enum(['working-hours', 'calendar']),
  escalateAfterMinutes: minutes(7 * 24 * 60),
  weekdayOpen: hhmm,
  weekdayClose: hhmm,
  weekendOpen: hhmm,
  weekendClose: hhmm,
  holidays: z.string().max(20_000),
});
type SlaForm = z.output<typeof slaForm>;

const toMinutes = (v: string): number => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5));
const toHhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** One holiday per line, `YYYY-MM-DD name`; a date the default list knows keeps its kind (holiday or transfer). */
export function parseHolidays(text: string, known: readonly Holiday[]): { ok: true; value: Holiday[] } | { ok: false; line: string } {
  const kinds = new Map(known.map((h) => [h.date, h.kind]));
  const out = new Map<string, Holiday>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4})-(\d{2})-(\d{2})\s*(.*)$/.exec(line);
    const valid = m && !Number.isNaN(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) && new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).getUTCDate() === +m[3]!;
    if (!m || !valid) return { ok: false, line };
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    out.set(date, { date, name: m[4]!.trim().slice(0, 200) || date, kind: kinds.get(date) ?? 'holiday' });
  }
  return { ok: true, value: [...out.values()].sort((a, b) => a.date.localeCompare(b.date)) };
}

const holidaysText = (holidays: readonly Holiday[]) => holidays.map((h) => `${h.date} ${h.name}`).join('\n');

type Said = { kind: 'ok' | 'error'; text: string } | null;

function SlaPage({ t, csrf, values, said }: { t: Translate; csrf: string; values: SlaForm; said: Said }) {
  return (
    <>
      {said ? <Notice kind={said.kind}>{said.text}</Notice> : null}
      <form method="post" action={href('/settings/sla')} class="card settings-form">
        <Csrf token={csrf} />
        <p class="muted">{t('admin:settings.sla.intro')}</p>
        <fieldset>
          <legend>{t('admin:settings.sla.callback')}</legend>
          <label>
            {t('admin:settings.sla.callback_minutes')}
            <input type="number" name="callbackMinutes" min={1} max={10080} required value={String(values.callbackMinutes)} />
          </label>
          <label>
            {t('admin:settings.sla.clock')}
            <select name="clock">
              {(['working-hours', 'calendar'] as const).map((v) => (
                <option value={v} selected={values.clock === v}>
                  {t(`admin:settings.sla.clock_${v === 'calendar' ? 'calendar' : 'working'}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('admin:settings.sla.escalate_after')}
            <input type="number" name="escalateAfterMinutes" min={0} max={10080} required value={String(values.escalateAfterMinutes)} />
            <span class="muted small">{t('admin:settings.sla.escalate_hint')}</span>
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('admin:settings.sla.hours')}</legend>
          <label>
            {t('admin:settings.sla.weekday')}
            <span class="inline">
              <input type="time" name="weekdayOpen" required value={values.weekdayOpen} aria-label={t('admin:settings.sla.opens')} />
              {' – '}
              <input type="time" name="weekdayClose" required value={values.weekdayClose} aria-label={t('admin:settings.sla.closes')} />
            </span>
          </label>
          <label>
            {t('admin:settings.sla.weekend')}
            <span class="inline">
              <input type="time" name="weekendOpen" required value={values.weekendOpen} aria-label={t('admin:settings.sla.opens')} />
              {' – '}
              <input type="time" name="weekendClose" required value={values.weekendClose} aria-label={t('admin:settings.sla.closes')} />
            </span>
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('admin:settings.sla.holidays')}</legend>
          <label>
            <span class="muted small">{t('admin:settings.sla.holidays_hint')}</span>
            <textarea name="holidays" rows={12} class="mono">{values.holidays}</textarea>
          </label>
        </fieldset>
        <button type="submit">{t('admin:settings.sla.save')}</button>
      </form>
    </>
  );
}

function formValues(policy: SlaPolicy): SlaForm {
  return {
    callbackMinutes: policy.callbackMinutes,
    clock: policy.clock,
    escalateAfterMinutes: policy.escalateAfterMinutes,
    weekdayOpen: toHhmm(policy.calendar.weekday.open),
    weekdayClose: toHhmm(policy.calendar.weekday.close),
    weekendOpen: toHhmm(policy.calendar.weekend.open),
    weekendClose: toHhmm(policy.calendar.weekend.close),
    holidays: holidaysText(policy.calendar.holidays),
  };
}

export function settingsRoutes({ store, config, clock }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const render = (c: Context<ConsoleEnv>, values: SlaForm, said: Said) =>
    c.render(<SlaPage t={c.get('t')} csrf={c.get('csrfToken')} values={values} said={said} />, { title: c.get('t')('admin:settings.sla.title') });

  app.get('/sla', requires('settings.sla'), async (c) => {
    const said: Said = c.req.query('done') === '1' ? { kind: 'ok', text: c.get('t')('admin:settings.sla.saved') } : null;
    return render(c, formValues(await loadSlaPolicy(store, config)), said);
  });

  app.post('/sla', requires('settings.sla'), form(slaForm), async (c) => {
    const t = c.get('t');
    const v = c.req.valid('form');
    const current = await loadSlaPolicy(store, config);
    const weekday = { open: toMinutes(v.weekdayOpen), close: toMinutes(v.weekdayClose) };
    const weekend = { open: toMinutes(v.weekendOpen), close: toMinutes(v.weekendClose) };
    if (weekday.open >= weekday.close || weekend.open >= weekend.close) {
      c.status(422);
      return render(c, v, { kind: 'error', text: t('admin:settings.sla.error_hours') });
    }
    const holidays = parseHolidays(v.holidays, current.calendar.holidays);
    if (!holidays.ok) {
      c.status(422);
      return render(c, v, { kind: 'error', text: t('admin:settings.sla.error_holiday', { line: holidays.line }) });
    }
    await saveSlaPolicy(store, {
      callbackMinutes: v.callbackMinutes,
      clock: v.clock,
      escalateAfterMinutes: v.escalateAfterMinutes,
      calendar: { weekday, weekend, holidays: holidays.value },
    });
    await store.audit.append({
      id: randomUUID(),
      at: clock.now(),
      actorType: 'user',
      actorId: c.get('user')!.id,
      action: 'settings.sla',
      entity: 'settings',
      entityId: SLA_POLICY_SETTING,
      details: {
        callbackMinutes: v.callbackMinutes, clock: v.clock, escalateAfterMinutes: v.escalateAfterMinutes,
        weekday: `${v.weekdayOpen}-${v.weekdayClose}`, weekend: `${v.weekendOpen}-${v.weekendClose}`, holidays: holidays.value.length,
      },
    });
    return c.redirect(`${href('/settings/sla')}?done=1`, 303);
  });

  return app;
}
