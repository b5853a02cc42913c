/**
 * Seed 003 cl. 26 ("recordings of any call provided within 2 working days on request"): a supervisor downloads one
 * ticket's transcript as CSV for the customer — the conversation with the subscriber, private notes left out, every
 * cell safe in a spreadsheet, headers in the reader's language; audited; agents may not.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../core/users/model.ts';
import { consoleFixture } from './console.fixture.ts';

async function world(roles: Role[], language: 'ru' | 'kk' = 'ru') {
  const f = await consoleFixture();
  const ticket = await f.ticket();
  await f.tickets.addSubscriberMessage(ticket.id, '=HYPERLINK("http://evil.example","нажми")');
  const agent = await f.user(['agent']);
  await f.tickets.reply(ticket.id, 'Здравствуйте; проверим линию', { type: 'user', id: agent.id }, 'Айгүл');
  await f.tickets.addNote(ticket.id, 'внутренняя заметка', { type: 'user', id: agent.id });
  const me = await f.user(roles);
  if (language === 'kk') await f.store.users.update(me.id, { language });
  const b = f.browser();
  await b.signIn(me.email);
  return { f, b, ticket, url: `/admin/tickets/${ticket.id}/transcript.csv` };
}

describe('ticket transcript export (seed 003 cl. 26)', () => {
  it('seed 003 cl. 26 "provided … on request": a supervisor gets the conversation as CSV, formulas neutralised, notes left out, audited', async () => {
    const w = await world(['supervisor']);
    await w.b.get(`/admin/tickets/${w.ticket.id}`);
    expect(w.b.last.html).toContain(`href="${w.url}"`);
    const res = await w.b.get(w.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('T-000001-transcript.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads the Cyrillic
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Время (Алматы);Кто;Текст;Доставка');
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""нажми"")`);
    expect(csv).toContain('"Здравствуйте; проверим линию"');
    expect(csv).not.toContain('внутренняя заметка');
    const [entry] = await w.f.store.audit.list({ action: 'ticket.transcript_exported' });
    expect(entry).toMatchObject({ entity: 'ticket', entityId: w.ticket.id });
  });

  it('Should write the headers in Kazakh for a Kazakh-speaking supervisor', async () => {
    const w = await world(['supervisor'], 'kk');
    const csv = await (await w.b.get(w.url)).text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Уақыты (Алматы);Кім;Мәтін;Жеткізу');
  });

  it.each([['agent'], ['second_line'], ['marketing']] as Array<[Role]>)('Should refuse the export to a %s (403)', async (role) => {
    const w = await world([role]);
    expect((await w.b.get(w.url)).status).toBe(403);
    expect(await w.f.store.audit.list({ action: 'ticket.transcript_exported' })).toEqual([]);
  });
});
