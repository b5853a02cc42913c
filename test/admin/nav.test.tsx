/**
 * The top bar's rooms come in groups, so it keeps one short row as rooms are added (campaigns, reports, the
 * supervisor's live view): one top-level entry per group, a menu when a group has several rooms for the user.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../core/i18n/i18n.ts';
import { RoomsNav, type Room } from '../../admin/ui/nav.tsx';
import { roomsFor } from '../../admin/layout.tsx';
import { permissionsOf } from '../../admin/permissions.ts';
import { visibleText } from './console.fixture.ts';

const t = translator('ru');
const render = (rooms: Room[], here = '/admin/tickets') => String(<RoomsNav t={t} rooms={rooms} here={here} />);
/** Entries of the bar itself, not counting the rooms inside menus. */
const topLevel = (html: string) => html.replace(/<ul class="nav-menu">[\s\S]*?<\/ul>/g, '').match(/<li[ >]/g)?.length ?? 0;

describe('top bar rooms', () => {
  it('Should show an agent their rooms (tickets, the calling screen) as plain links, with no menu', () => {
    const html = render(roomsFor(permissionsOf(['agent'])));
    expect(topLevel(html)).toBe(2);
    expect(html).not.toContain('<details');
    expect(html).toContain('<a href="/admin/tickets" aria-current="page">Обращения</a>');
    expect(html).toContain('<a href="/admin/calling">Обзвон</a>');
  });

  it('Should put an administrator\'s settings rooms in one menu and mark it while one of them is open', () => {
    const html = render(roomsFor(permissionsOf(['admin'])), '/admin/audit');
    expect(topLevel(html)).toBe(4);
    expect(visibleText(html)).toBe('Работа Обращения Лицевые счета Кампании Кампании опросов Обзвон Отчёты Окно супервайзера Ежемесячный отчёт Настройки Пользователи Журнал действий SMS Каналы Настройки SLA Причины «Не готов»');
    expect(html).toContain('<summary class="is-current">Настройки</summary>');
    expect(html).toContain('<a href="/admin/audit" aria-current="page">Журнал действий</a>');
  });

  it('Should keep one entry per group however many rooms are added', () => {
    const more: Room[] = [
      ...roomsFor(permissionsOf(['admin'])),
      { group: 'work', path: '/live', key: 'nav.tickets', needs: 'tickets.view' },
      { group: 'campaigns', path: '/campaigns', key: 'nav.tickets', needs: 'tickets.view' },
      { group: 'campaigns', path: '/campaigns/calls', key: 'nav.tickets', needs: 'tickets.view' },
      { group: 'reports', path: '/reports', key: 'nav.tickets', needs: 'tickets.view' },
    ];
    const html = render(more);
    expect(topLevel(html)).toBe(4);
    expect(visibleText(html).startsWith('Работа')).toBe(true);
    expect(html).toContain('<summary>Кампании</summary>');
    expect(html).toContain('<summary>Отчёты</summary>');
  });

  it("Should show the customer's observer only the Reports group: the live view and the monthly report (seed 003 cl. 13)", () => {
    const html = render(roomsFor(permissionsOf(['observer'])), '/admin/live');
    expect(topLevel(html)).toBe(1);
    expect(visibleText(html)).toBe('Отчёты Окно супервайзера Ежемесячный отчёт');
  });
});
