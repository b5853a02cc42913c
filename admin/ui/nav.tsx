/**
 * @module The top bar's rooms in groups (Work, Campaigns, Reports, Settings), so the bar stays one short row however
 * many rooms come: a group with one room the user may open is that room's link, a group with several is a menu
 * (`<details>`, usable without script; console.js closes it on a click elsewhere or Escape). The group of the page
 * being shown is marked.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import { href } from '../context.ts';
import type { Permission } from '../permissions.ts';

export const NAV_GROUPS = ['work', 'campaigns', 'reports', 'settings'] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

export interface Room {
  group: NavGroup;
  path: string;
  /** Its label, `admin:<key>`. */
  key: string;
  needs: Permission;
}

const isHere = (here: string, room: Room) => here === href(room.path) || here.startsWith(`${href(room.path)}/`);

export function RoomsNav({ t, rooms, here }: { t: Translate; rooms: Room[]; here: string }) {
  const groups = NAV_GROUPS.map((group) => ({ group, rooms: rooms.filter((r) => r.group === group) })).filter((g) => g.rooms.length);
  return (
    <nav class="rooms" aria-label={t('admin:nav.label')}>
      <ul class="rooms-list">
        {groups.map(({ group, rooms: inGroup }) => {
          if (inGroup.length === 1) {
            const room = inGroup[0]!;
            return (
              <li>
                <a href={href(room.path)} aria-current={isHere(here, room) ? 'page' : undefined}>
                  {t(`admin:${room.key}`)}
                </a>
              </li>
            );
          }
          const current = inGroup.some((room) => isHere(here, room));
          return (
            <li class="nav-group">
              <details data-nav-menu>
                <summary class={current ? 'is-current' : undefined}>{t(`admin:nav.group.${group}`)}</summary>
                <ul class="nav-menu">
                  {inGroup.map((room) => (
                    <li>
                      <a href={href(room.path)} aria-current={isHere(here, room) ? 'page' : undefined}>
                        {t(`admin:${room.key}`)}
                      </a>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
