/**
 * @module WhatsApp linking for administrators (issue 9): the connection state live over server-sent events —
 * starting, the QR code to scan (an image, replaced as the library emits new ones), authenticated, ready with the
 * linked number, disconnected or failed with the reason and the next attempt — and buttons to re-link now or log
 * out (unlink the number and show a new QR code). The card is rendered on the server and pushed whole; the small
 * script at `/admin/whatsapp/live.js` only swaps it in (the CSP allows no inline code).
 */
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Translate } from '../../core/i18n/i18n.ts';
import type { WhatsAppControl, WhatsAppStatus } from '../../bot/whatsapp/status.ts';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { Csrf, Notice } from '../ui/bits.tsx';
import { formatDateTime } from '../ui/format.ts';
import { noFields } from '../validation.ts';

/** The QR code as a PNG data URL (the console's CSP allows `data:` images). */
async function qrImage(qr: string): Promise<string> {
  // Loaded when a QR code is first shown (WhatsApp pairing), not at start.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(qr, { errorCorrectionLevel: 'M', margin: 2, width: 264 });
}

const BADGE: Partial<Record<WhatsAppStatus['state'], string>> = { ready: 'channel-on', failed: 'channel-error', disconnected: 'channel-error' };

/** The status card: what the page shows first and what every live update replaces. */
async function StatusCard({ status, t, csrf }: { status: WhatsAppStatus; t: Translate; csrf: string }) {
  const qr = status.state === 'qr' && status.qr ? await qrImage(status.qr) : null;
  const canAct = status.state !== 'standby' && status.state !== 'off';
  return (
    <div class="stack" data-state={status.state}>
      <p>
        <span class={`badge ${BADGE[status.state] ?? ''}`}>{t(`whatsapp:console.state.${status.state}`)}</span>
      </p>
      <p class="muted">{t(`whatsapp:console.hint.${status.state}`, { phone: status.phone ?? '—', holder: status.holder ?? '—' })}</p>
      {qr ? (
        <figure>
          <img id="whatsapp-qr" src={qr} width="264" height="264" alt={t('whatsapp:console.qr_alt')} />
        </figure>
      ) : null}
      {status.problem ? (
        <Notice kind="error">
          {t(`whatsapp:console.problem.${status.problem.code}`)}: <code>{status.problem.detail}</code>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>{t('whatsapp:console.facts.since')}</dt>
        <dd>
          <time datetime={status.since.toISOString()}>{formatDateTime(status.since)}</time>
        </dd>
        {status.phone ? (
          <>
            <dt>{t('whatsapp:console.facts.phone')}</dt>
            <dd class="mono" data-phone>
              {status.phone}
            </dd>
          </>
        ) : null}
        {status.failures > 0 ? (
          <>
            <dt>{t('whatsapp:console.facts.failures')}</dt>
            <dd>{status.failures}</dd>
          </>
        ) : null}
        {status.retryAt ? (
          <>
            <dt>{t('whatsapp:console.facts.retry')}</dt>
            <dd>
              <time datetime={status.retryAt.toISOString()}>{formatDateTime(status.retryAt)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      {canAct ? (
        <div class="row-actions">
          <form method="post" action={href('/whatsapp/relink')}>
            <Csrf token={csrf} />
            <button type="submit" class="secondary">
              {t('whatsapp:console.relink')}
            </button>
          </form>
          <form method="post" action={href('/whatsapp/logout')} data-confirm={t('whatsapp:console.logout_confirm')}>
            <Csrf token={csrf} />
            <button type="submit" class="danger">
              {t('whatsapp:console.logout')}
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}

async function cardHtml(c: Context<ConsoleEnv>, control: WhatsAppControl): Promise<string> {
  const card = await StatusCard({ status: control.status(), t: c.get('t'), csrf: c.get('csrfToken') ?? '' });
  return String(card);
}

/** The browser side: swap the card on every `status` event; the server rendered (and escaped) the HTML. */
const LIVE_SCRIPT = `(function () {
  'use strict';
  var card = document.getElementById('whatsapp-status');
  if (!card || !window.EventSource) return;
  var note = document.getElementById('whatsapp-live');
  var source = new EventSource(card.getAttribute('data-events'));
  source.addEventListener('status', function (event) {
    card.innerHTML = event.data;
    if (note) note.classList.remove('offline');
  });
  source.onerror = function () { if (note) note.classList.add('offline'); };
})();
`;

export function whatsappRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const control = deps.whatsapp ?? null;
  const app = new Hono<ConsoleEnv>();

  app.get('/', requires('whatsapp.manage'), async (c) => {
    const t = c.get('t');
    if (!control) {
      return c.render(<Notice kind="warn">{t('whatsapp:console.disabled')}</Notice>, { title: t('whatsapp:console.title') });
    }
    const html = await cardHtml(c, control);
    return c.render(
      <>
        <p class="live-status small muted" id="whatsapp-live" title={t('whatsapp:console.offline')}>
          {t('whatsapp:console.live')}
        </p>
        <section class="card" id="whatsapp-status" data-events={href('/whatsapp/events')} dangerouslySetInnerHTML={{ __html: html }}></section>
        <script src={href('/whatsapp/live.js')} defer></script>
      </>,
      { title: t('whatsapp:console.title') },
    );
  });

  app.get('/events', requires('whatsapp.manage'), (c) =>
    streamSSE(c, async (stream) => {
      if (!control) return;
      // Renders are chained so a slow QR image never overtakes a later state.
      let chain = Promise.resolve();
      const push = () => {
        chain = chain
          .then(async () => stream.writeSSE({ event: 'status', data: await cardHtml(c, control) }))
          .catch(() => {});
      };
      const off = control.subscribe(push);
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve));
      stream.onAbort(off);
      push();
      while (!stream.aborted) {
        // A comment line now and then keeps proxies from closing an idle stream.
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 25_000).unref())]);
        if (!stream.aborted) await stream.write(': keep-alive\n\n').catch(() => {});
      }
    }),
  );

  app.get('/live.js', requires('public'), (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(LIVE_SCRIPT);
  });

  app.post('/relink', requires('whatsapp.manage'), noFields(), async (c) => {
    const user = c.get('user');
    if (control && user) await control.relink({ type: 'user', id: user.id });
    return c.redirect(href('/whatsapp'), 303);
  });

  app.post('/logout', requires('whatsapp.manage'), noFields(), async (c) => {
    const user = c.get('user');
    if (control && user) await control.logout({ type: 'user', id: user.id });
    return c.redirect(href('/whatsapp'), 303);
  });

  return app;
}
