/**
 * The audit log reads like a record of what people did: actions by their names in kk and ru, tickets by number,
 * users by name and e-mail, details as labelled fields, and the action filter as a list.
 */
import { describe, expect, it } from 'vitest';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { busyConsole } from './busy-console.fixture.ts';
import { visibleText } from './console.fixture.ts';

/** The audit table's rows as the text of their cells. */
function rows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => visibleText(c[1]!)));
}

describe('audit log', () => {
  it('Should name tickets by number and people by name, and label each detail', async () => {
    const { b, tickets, agent, supervisor, admin } = await busyConsole();
    await b.get('/admin/audit?entity=ticket');
    const table = rows(b.last.html);
    const number = formatTicketNumber(tickets.closed.number);
    const assigned = table.find((r) => r[2] === 'Назначен исполнитель' && r[3]!.includes(number));
    expect(assigned).toEqual([expect.any(String), admin.name, 'Назначен исполнитель', `Обращение ${number}`, `Исполнитель ${supervisor.name}`]);
    const callback = table.find((r) => r[2] === 'Записан итог обратного звонка')!;
    expect(callback[4]).toBe('Итог Не дозвонились');
    const handoff = table.find((r) => r[2] === 'Чат передан оператору')!;
    expect(handoff[4]).toBe('Причина абонент попросил оператора Обращение открыто новое обращение');
    expect(b.last.html).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/a>/);
    expect(visibleText(b.last.html)).not.toContain('{"');

    await b.get('/admin/audit?entity=user');
    const roles = rows(b.last.html).find((r) => r[2] === 'Изменены роли')!;
    expect(roles[3]).toBe('Пользователь Новый Оператор new@example.kz');
    expect(roles[4]).toBe('Было Оператор Стало Оператор, Техподдержка (вторая линия)');
    const locked = rows(b.last.html).find((r) => r[2] === 'Вход заблокирован после неудачных попыток')!;
    expect(locked[3]).toBe(`Пользователь ${agent.name} ${agent.email}`);
    expect(locked[4]).toMatch(/^Неудачных попыток 5 До \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
  });

  it('Should describe payments, chats and WhatsApp in the language of the console', async () => {
    const { b } = await busyConsole();
    await b.post('/admin/language', { lang: 'kk', back: '/admin/audit' });
    await b.get('/admin/audit?entity=payment');
    const paid = rows(b.last.html).find((r) => r[2] === 'Төлем түсті')!;
    expect(paid[4]).toMatch(/^Шлюз test Сомасы 12\s345 ₸ Дербес шот \d+$/);
    const rejected = rows(b.last.html).find((r) => r[2] === 'Шлюз хабарламасы қабылданбады')!;
    expect(rejected[4]).toContain('Неге қолтаңба сәйкес емес');
    await b.get('/admin/audit?entity=channel');
    const failed = rows(b.last.html).find((r) => r[2] === 'WhatsApp-қа қосылу мүмкін болмады')!;
    expect(failed[3]).toBe('Арна · WhatsApp');
    expect(failed[4]).toContain('Мәселе Chromium іске қосылмады');
  });

  it('Should offer the actions as a list of their names and filter by the one chosen', async () => {
    const { b } = await busyConsole();
    await b.get('/admin/audit');
    const select = /<select name="action">([\s\S]*?)<\/select>/.exec(b.last.html)?.[1] ?? '';
    expect(select).toContain('<option value="ticket.escalate">Передано на вторую линию</option>');
    expect(select).toContain('<optgroup label="Пользователь">');
    expect(b.last.html).not.toContain('<input name="action"');
    await b.get('/admin/audit?action=user.roles_changed');
    const table = rows(b.last.html);
    expect(table.length).toBe(1);
    expect(table[0]![2]).toBe('Изменены роли');
    expect(b.last.html).toContain('<option value="user.roles_changed" selected="">');
  });
});
