/** @module The console's front door: opens the first room the user may use, or says there is none yet. */
import { Hono } from 'hono';
import { href, type ConsoleEnv } from '../context.ts';
import { requires } from '../guard.ts';
import { roomsFor } from '../layout.tsx';
import { EmptyState } from '../ui/bits.tsx';

export function homeRoutes(): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  app.get('/', requires('signed_in'), (c) => {
    const t = c.get('t');
    const first = roomsFor(c.get('permissions'))[0];
    if (first) return c.redirect(href(first.path), 303);
    return c.render(<EmptyState title={t('admin:home.no_rooms')}>{t('admin:home.no_rooms_hint')}</EmptyState>, { title: t('admin:home.title') });
  });
  return app;
}
