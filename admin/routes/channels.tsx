/**
 * @module Channel status for administrators: Telegram connected or not (and how), WhatsApp enabled or not, and
 * the web-chat widget snippet to paste into the operator's site (the JivoSite role, seed 003 cl. 19–20).
 */
import { Hono } from 'hono';
import { href, type ConsoleDeps, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { getMeProbe } from '../telegram-status.ts';
import { Notice } from '../ui/bits.tsx';

export function channelRoutes(deps: ConsoleDeps): Hono<ConsoleEnv> {
  const { config } = deps;
  const probe = deps.telegramProbe ?? getMeProbe(config);
  const app = new Hono<ConsoleEnv>();

  app.get('/', requires('channels.view'), async (c) => {
    const t = c.get('t');
    const telegram = await probe();
    const origin = (config.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/$/, '');
    const snippet = `<script src="${origin}/widget.js" async></script>`;
    const tgState = !telegram.configured ? 'off' : telegram.connected ? 'on' : 'error';
    return c.render(
      <div class="grid-2">
        <section class="card channel">
          <h2>Telegram</h2>
          <p>
            <span class={`badge channel-${tgState}`}>{t(`admin:channels.telegram.state_${tgState}`)}</span>
          </p>
          {telegram.connected && telegram.username ? <p>{t('admin:channels.telegram.bot', { username: `@${telegram.username}` })}</p> : null}
          {telegram.mode && telegram.configured ? <p class="muted">{t(`admin:channels.telegram.mode_${telegram.mode}`)}</p> : null}
          {telegram.error ? <Notice kind="error">{t('admin:channels.telegram.failure', { reason: telegram.error })}</Notice> : null}
          {!telegram.configured ? <p class="muted">{t('admin:channels.telegram.how')}</p> : null}
        </section>
        <section class="card channel">
          <h2>WhatsApp</h2>
          <p>
            <span class={`badge channel-${config.WHATSAPP_ENABLED ? 'on' : 'off'}`}>
              {t(config.WHATSAPP_ENABLED ? 'admin:channels.whatsapp.enabled' : 'admin:channels.whatsapp.disabled')}
            </span>
          </p>
          <p class="muted">{t(config.WHATSAPP_ENABLED ? 'admin:channels.whatsapp.enabled_hint' : 'admin:channels.whatsapp.how')}</p>
          {c.get('permissions').has('whatsapp.manage') ? <a href={href('/whatsapp')}>{t('whatsapp:console.open')} →</a> : null}
        </section>
        <section class="card channel wide">
          <h2>{t('admin:channels.webchat.title')}</h2>
          <p>
            <span class="badge channel-on">{t('admin:channels.webchat.on')}</span>{' '}
            <a href={`${origin}/`}>{`${origin}/`}</a>
          </p>
          <p>{t('admin:channels.webchat.embed')}</p>
          <pre class="snippet">
            <code id="widget-snippet">{snippet}</code>
          </pre>
          <button type="button" class="secondary" data-copy="widget-snippet" data-copied={t('admin:channels.webchat.copied')}>
            {t('admin:channels.webchat.copy')}
          </button>
          {!config.PUBLIC_URL ? <Notice kind="warn">{t('admin:channels.webchat.public_url')}</Notice> : null}
        </section>
      </div>,
      { title: t('admin:channels.title') },
    );
  });

  return app;
}
