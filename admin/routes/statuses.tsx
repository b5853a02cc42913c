/**
 * @module Agents' work statuses in the console (seed 003 cl. 32, 36): `POST /status` from the top bar's menu, and
 * Settings → "Not ready" reasons (`/settings/statuses`, administrators), the list agents choose from.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { AGENT_STATUSES, MAX_REASONS, parseReasons } from '../../core/reports/index.ts';
import type { ConsoleDeps, ConsoleEnv } from '../context.ts';
import { href } from '../context.ts';
import { requires } from '../guard.ts';
import { Csrf, Notice } from '../ui/bits.tsx';
import { form } from '../validation.ts';
import { safeBack } from './auth.tsx';

const statusForm = z.object({
  status: z.enum(AGENT_STATUSES),
  reason: z.string().max(200).optional(),
  back: z.string().max(500).optional(),
});

const reasonsForm = z.object({ reasons: z.string().max(5_000) });

export function statusRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { reports, store, clock } = deps;
  const app = new Hono<ConsoleEnv>();

  app.post('/status', requires('status.own'), form(statusForm), async (c) => {
    const { status, reason, back } = c.req.valid('form');
    const r = await reports.setStatus(c.get('user')!.id, status, reason ?? null);
    if (!r.ok) {
      c.status(400);
      return c.render(<Notice kind="error">{c.get('t')(r.reason)}</Notice>, { title: c.get('t')('reports:status.title') });
    }
    return c.redirect(safeBack(back), 303);
  });

  const page = (c: Context<ConsoleEnv, any, any>, text: string, said: { kind: 'ok' | 'error'; text: string } | null) => {
    const t = c.get('t');
    return c.render(
      <>
        {said ? <Notice kind={said.kind}>{said.text}</Notice> : null}
        <form method="post" action={href('/settings/statuses')} class="card settings-form">
          <Csrf token={c.get('csrfToken')} />
          <p class="muted">{t('reports:status.reasons_intro', { max: MAX_REASONS })}</p>
          <label>
            {t('reports:status.reasons')}
            <textarea name="reasons" rows={8}>{text}</textarea>
          </label>
          <button type="submit">{t('reports:status.save_reasons')}</button>
        </form>
      </>,
      { title: t('admin:nav.statuses') },
    );
  };

  app.get('/settings/statuses', requires('settings.statuses'), async (c) => page(c, (await reports.notReadyReasons()).join('\n'), null));

  app.post('/settings/statuses', requires('settings.statuses'), form(reasonsForm), async (c) => {
    const t = c.get('t');
    const { reasons } = c.req.valid('form');
    const parsed = parseReasons(reasons);
    if (!parsed.ok) {
      c.status(400);
      return page(c, reasons, { kind: 'error', text: t(parsed.reason, { max: MAX_REASONS }) });
    }
    await reports.saveReasons(parsed.value);
    await store.audit.append({
      id: randomUUID(), at: clock.now(), actorType: 'user', actorId: c.get('user')!.id, action: 'settings.not_ready_reasons',
      entity: 'settings', entityId: 'agents.not_ready_reasons', details: { count: parsed.value.length },
    });
    return page(c, parsed.value.join('\n'), { kind: 'ok', text: t('reports:status.reasons_saved') });
  });

  return app;
}
