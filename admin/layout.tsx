/**
 * @module The console page frame: head (our CSS and JS files only — the CSP allows nothing inline), the top bar with
 * the rooms the user may open, the language switch, the user menu, and the page title. Registered once with
 * `jsxRenderer`; handlers call `c.render(<Page/>, { title })`.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { jsxRenderer } from 'hono/jsx-renderer';
import { href, type ConsoleEnv } from './context.ts';
import type { Permission } from './permissions.ts';
import { ASSET_VERSION } from './routes/assets.ts';
import { Csrf } from './ui/bits.tsx';
import { RoomsNav, type Room } from './ui/nav.tsx';
import { ReportNotice, StatusMenu } from './ui/status-menu.tsx';

declare module 'hono' {
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}

export interface PageProps {
  title: string;
  /** A page without the top bar (sign-in). */
  bare?: boolean;
  /** Extra action shown beside the title (e.g. "New user"). */
  actions?: Child;
}

/**
 * The rooms of the console, in the groups of the top bar (Work, Campaigns, Reports, Settings): a group with one room
 * the user may open shows as that room's link, a group with several as a menu. New rooms join a group here.
 */
export const ROOMS: Room[] = [
  { group: 'work', path: '/tickets', key: 'nav.tickets', needs: 'tickets.view' },
  { group: 'work', path: '/accounts', key: 'nav.accounts', needs: 'accounts.decide' },
  { group: 'settings', path: '/users', key: 'nav.users', needs: 'users.manage' },
  { group: 'settings', path: '/audit', key: 'nav.audit', needs: 'audit.view' },
  { group: 'settings', path: '/sms', key: 'nav.sms', needs: 'sms.view' },
  { group: 'settings', path: '/channels', key: 'nav.channels', needs: 'channels.view' },
  { group: 'settings', path: '/settings/sla', key: 'nav.settings', needs: 'settings.sla' },
  { group: 'campaigns', path: '/campaigns', key: 'nav.campaigns', needs: 'campaigns.view' },
  { group: 'campaigns', path: '/calling', key: 'nav.calling', needs: 'campaigns.call' },
  { group: 'reports', path: '/live', key: 'nav.live', needs: 'live.view' },
  { group: 'reports', path: '/reports', key: 'nav.reports', needs: 'reports.view' },
  { group: 'settings', path: '/settings/statuses', key: 'nav.statuses', needs: 'settings.statuses' },
];

/** The rooms of the top bar the user may open, in order. */
export function roomsFor(permissions: Set<Permission>): Room[] {
  return ROOMS.filter((room) => permissions.has(room.needs));
}

/** Strings the browser script needs (countdowns, signals), handed over as data, not inline code. */
function clientStrings(c: Context<ConsoleEnv>): string {
  const t = c.get('t');
  return JSON.stringify({
    dueIn: t('admin:sla.due_in', { time: '{time}' }),
    overdue: t('admin:sla.overdue', { time: '{time}' }),
    hours: t('admin:sla.hours_short'),
    minutes: t('admin:sla.minutes_short'),
    seconds: t('admin:sla.seconds_short'),
    newWork: t('admin:tickets.live.new_work'),
    offline: t('admin:tickets.live.offline'),
  });
}

/** The whole HTML document. Also used directly by the error handler, which may run before the renderer is set. */
export function Document({ c, title, bare, actions, children }: PageProps & { c: Context<ConsoleEnv>; children?: Child }) {
  const t = c.get('t');
  const lang = c.get('lang') ?? 'ru';
  const user = c.get('user') ?? null;
  const here = c.req.path;
  const back = new URL(c.req.url);
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${t('admin:app.name')}`}</title>
        <link rel="stylesheet" href={href(`/assets/console.css?v=${ASSET_VERSION}`)} />
        <script src={href(`/assets/console.js?v=${ASSET_VERSION}`)} defer></script>
      </head>
      <body data-strings={clientStrings(c)} data-csrf={c.get('csrfToken') ?? ''}>
        <a class="skip" href="#main">
          {t('admin:nav.skip')}
        </a>
        <header class="topbar">
          <a class="brand" href={href('/')}>
            <span class="brand-mark" aria-hidden="true"></span>
            {t('admin:app.name')}
          </a>
          {!bare && user && !user.mustChangePassword ? <RoomsNav t={t} rooms={roomsFor(c.get('permissions'))} here={here} /> : null}
          <div class="topbar-end">
            {!bare && user && c.get('agentStatus') ? (
              <StatusMenu t={t} csrf={c.get('csrfToken') ?? ''} back={back.pathname + back.search} current={c.get('agentStatus')!} />
            ) : null}
            <form method="post" action={href('/language')} class="lang-switch">
              <Csrf token={c.get('csrfToken') ?? ''} />
              <input type="hidden" name="back" value={back.pathname + back.search} />
              <button type="submit" name="lang" value="kk" aria-pressed={lang === 'kk' ? 'true' : 'false'} lang="kk">
                Қаз
              </button>
              <button type="submit" name="lang" value="ru" aria-pressed={lang === 'ru' ? 'true' : 'false'} lang="ru">
                Рус
              </button>
            </form>
            {!bare && user ? (
              <>
                <a class="user-link" href={href('/account')} aria-current={here.startsWith(href('/account')) ? 'page' : undefined}>
                  {user.name}
                </a>
                <form method="post" action={href('/sign-out')}>
                  <Csrf token={c.get('csrfToken') ?? ''} />
                  <button type="submit" class="link">
                    {t('admin:nav.sign_out')}
                  </button>
                </form>
              </>
            ) : null}
          </div>
        </header>
        {!bare && user && c.get('reportNotice') ? <ReportNotice t={t} month={c.get('reportNotice')!.month} /> : null}
        <main id="main" class={bare ? 'container narrow' : 'container'}>
          <div class="page-head">
            <h1>{title}</h1>
            {actions ? <div class="page-actions">{actions}</div> : null}
          </div>
          {children}
        </main>
      </body>
    </html>
  );
}

export function layout() {
  return jsxRenderer<ConsoleEnv>(({ children, title, bare, actions }, c) => (
    <Document c={c as Context<ConsoleEnv>} title={title} bare={bare} actions={actions}>
      {children}
    </Document>
  ));
}
