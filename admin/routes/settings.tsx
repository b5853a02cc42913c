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
import { readSlaForm, type SlaField, type SlaFormValues, type SlaProblem } from '../settings/sla-form.ts';
import { Csrf, Notice } from '../ui/bits.tsx';
import { form } from '../validation.ts';

/** Strings only: every field is then checked by `readSlaForm`, which reports all problems at once. */
const slaForm = z.object({
  callbackMinutes: z.string().max(20),
  clock: z.string().max(20),
  escalateAfterMinutes: z.string().max(20),
  weekdayOpen: z.string().max(10),
  weekdayClose: z.string().max(10),
  weekendOpen: z.string().max(10),
  weekendClose: z.string().max(10),
  holidays: z.string().max(20_000),
});

const toHhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const holidaysText = (holidays: readonly Holiday[]) => holidays.map((h) => `${h.date} ${h.name}`).join('\n');

type Said = { kind: 'ok'; text: string } | null;

/** One field's problems, under the field; the field points at them (`aria-describedby`). */
function FieldErrors({ t, field, problems }: { t: Translate; field: SlaField; problems: SlaProblem[] }) {
  const mine = problems.filter((p) => p.field === field);
  if (mine.length === 0) return null;
  return (
    <span class="field-error" id={`error-${field}`}>
      {mine.map((p) => t(p.key, { ...p.params, which: p.params?.which ? t(`admin:settings.sla.${p.params.which}`) : undefined })).join(' ')}
    </span>
  );
}

function SlaPage({ t, csrf, values, said, problems }: { t: Translate; csrf: string; values: SlaFormValues; said: Said; problems: SlaProblem[] }) {
  const invalid = (field: SlaField) =>
    problems.some((p) => p.field === field) ? { 'aria-invalid': 'true', 'aria-describedby': `error-${field}` } : {};
  const time = (field: SlaField, label: string) => (
    <input type="time" name={field} required value={values[field]} aria-label={label} {...invalid(field)} />
  );
  return (
    <>
      {said ? <Notice kind={said.kind}>{said.text}</Notice> : null}
      {problems.length ? (
        <div class="notice notice-error" role="alert" data-problems={String(problems.length)}>
          <p>{t('admin:settings.sla.error_summary', { count: problems.length })}</p>
          <ul>
            {problems.map((p) => (
              <li>
                <a href={`#field-${p.field}`}>
                  {t(p.key, { ...p.params, which: p.params?.which ? t(`admin:settings.sla.${p.params.which}`) : undefined })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={href('/settings/sla')} class="card settings-form" novalidate>
        <Csrf token={csrf} />
        <p class="muted">{t('admin:settings.sla.intro')}</p>
        <fieldset>
          <legend>{t('admin:settings.sla.callback')}</legend>
          <label id="field-callbackMinutes">
            {t('admin:settings.sla.callback_minutes')}
            <input type="number" name="callbackMinutes" min={1} max={10080} required value={values.callbackMinutes} {...invalid('callbackMinutes')} />
            <FieldErrors t={t} field="callbackMinutes" problems={problems} />
          </label>
          <label id="field-clock">
            {t('admin:settings.sla.clock')}
            <select name="clock" {...invalid('clock')}>
              {(['working-hours', 'calendar'] as const).map((v) => (
                <option value={v} selected={values.clock === v}>
                  {t(`admin:settings.sla.clock_${v === 'calendar' ? 'calendar' : 'working'}`)}
                </option>
              ))}
            </select>
            <FieldErrors t={t} field="clock" problems={problems} />
          </label>
          <label id="field-escalateAfterMinutes">
            {t('admin:settings.sla.escalate_after')}
            <input type="number" name="escalateAfterMinutes" min={0} max={10080} required value={values.escalateAfterMinutes} {...invalid('escalateAfterMinutes')} />
            <span class="muted small">{t('admin:settings.sla.escalate_hint')}</span>
            <FieldErrors t={t} field="escalateAfterMinutes" problems={problems} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('admin:settings.sla.hours')}</legend>
          {(['weekday', 'weekend'] as const).map((which) => (
            <label id={`field-${which}Open`}>
              {t(`admin:settings.sla.${which}`)}
              <span class="inline" id={`field-${which}Close`}>
                {time(`${which}Open`, t('admin:settings.sla.opens'))}
                {' – '}
                {time(`${which}Close`, t('admin:settings.sla.closes'))}
              </span>
              <FieldErrors t={t} field={`${which}Open`} problems={problems} />
              <FieldErrors t={t} field={`${which}Close`} problems={problems} />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('admin:settings.sla.holidays')}</legend>
          <label id="field-holidays">
            <span class="muted small">{t('admin:settings.sla.holidays_hint')}</span>
            <textarea name="holidays" rows={12} class="mono" {...invalid('holidays')}>{values.holidays}</textarea>
            <FieldErrors t={t} field="holidays" problems={problems} />
          </label>
        </fieldset>
        <button type="submit">{t('admin:settings.sla.save')}</button>
      </form>
    </>
  );
}

function formValues(policy: SlaPolicy): SlaFormValues {
  return {
    callbackMinutes: String(policy.callbackMinutes),
    clock: policy.clock,
    escalateAfterMinutes: String(policy.escalateAfterMinutes),
    weekdayOpen: toHhmm(policy.calendar.weekday.open),
    weekdayClose: toHhmm(policy.calendar.weekday.close),
    weekendOpen: toHhmm(policy.calendar.weekend.open),
    weekendClose: toHhmm(policy.calendar.weekend.close),
    holidays: holidaysText(policy.calendar.holidays),
  };
}

export function settingsRoutes({ store, config, clock }: ConsoleDeps): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();

  const render = (c: Context<ConsoleEnv>, values: SlaFormValues, said: Said, problems: SlaProblem[] = []) =>
    c.render(<SlaPage t={c.get('t')} csrf={c.get('csrfToken')} values={values} said={said} problems={problems} />, {
      title: c.get('t')('admin:settings.sla.title'),
    });

  app.get('/sla', requires('settings.sla'), async (c) => {
    const said: Said = c.req.query('done') === '1' ? { kind: 'ok', text: c.get('t')('admin:settings.sla.saved') } : null;
    return render(c, formValues(await loadSlaPolicy(store, config)), said);
  });

  app.post('/sla', requires('settings.sla'), form(slaForm), async (c) => {
    const v = c.req.valid('form');
    const current = await loadSlaPolicy(store, config);
    const read = readSlaForm(v, current.calendar.holidays);
    if (!read.ok) {
      c.status(422);
      return render(c, v, null, read.problems);
    }
    const { weekday, weekend, holidays, ...rest } = read.value;
    await saveSlaPolicy(store, { ...rest, calendar: { weekday, weekend, holidays } });
    await store.audit.append({
      id: randomUUID(),
      at: clock.now(),
      actorType: 'user',
      actorId: c.get('user')!.id,
      action: 'settings.sla',
      entity: 'settings',
      entityId: SLA_POLICY_SETTING,
      details: {
        callbackMinutes: rest.callbackMinutes, clock: rest.clock, escalateAfterMinutes: rest.escalateAfterMinutes,
        weekday: `${v.weekdayOpen}-${v.weekdayClose}`, weekend: `${v.weekendOpen}-${v.weekendClose}`, holidays: holidays.length,
      },
    });
    return c.redirect(`${href('/settings/sla')}?done=1`, 303);
  });

  return app;
}
