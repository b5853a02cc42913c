/**
 * The tickets workplace finds a subscriber's tickets by their name or personal-account number as well as by ticket
 * number and phone; the queue tabs show how many tickets each holds under the filters; region is a list.
 */
import { describe, expect, it } from 'vitest';
import { formatTicketNumber } from '../../core/tickets/index.ts';
import { consoleFixture, visibleText } from './console.fixture.ts';

async function workplace() {
  const f = await consoleFixture({}, {}, { demo: true });
  const aigul = (await f.store.subscribers.findByPhone('+77011234567'))!;
  const other = (await f.store.accounts.findByNumber('100000000003'))!;
  const hers = await f.ticket({ subscriberId: aigul.id, chatKey: 'telegram:1', region: 'Алматытелеком' });
  const theirs = await f.ticket({ subscriberId: other.subscriberId, chatKey: 'telegram:2', region: 'Ақтөбетелеком', phone: '+77019990000' });
  const anonymous = await f.ticket({ type: 'reference', subscriberId: null, chatKey: 'webchat:3', region: null, phone: null });
  const me = await f.user(['supervisor']);
  const b = f.browser();
  await b.signIn(me.email);
  return { f, b, me, aigul, hers, theirs, anonymous };
}

const numbers = (html: string) => [...html.matchAll(/class="ticket-link">([^<]+)</g)].map((m) => m[1]);

describe('ticket search and queue counts', () => {
  it.each([
    ['her first name in lower case', 'айгүл'],
    ['her full name in capitals', 'АЙГҮЛ СЕРІКҚЫЗЫ'],
    ['her personal-account number', '100000000001'],
    ['her personal-account number with spaces', '1000 0000 0001'],
  ])('Should find a subscriber\'s tickets by %s', async (_how, q) => {
    const { b, hers } = await workplace();
    await b.get(`/admin/tickets?queue=all&q=${encodeURIComponent(q)}`);
    expect(numbers(b.last.html)).toEqual([formatTicketNumber(hers.number)]);
  });

  it('Should say nothing matches a name no subscriber has, or two letters', async () => {
    const { b } = await workplace();
    for (const q of ['Асқаров', 'Ай']) {
      await b.get(`/admin/tickets?queue=all&q=${encodeURIComponent(q)}`);
      expect(numbers(b.last.html)).toEqual([]);
      expect(visibleText(b.last.html)).toContain('По этим условиям обращений нет');
    }
  });

  it('Should show on each queue tab how many tickets it holds under the same filters and search', async () => {
    const { b, me, f, hers } = await workplace();
    await f.tickets.take(hers.id, { type: 'user', id: me.id });
    const tabs = (html: string) => Object.fromEntries([...html.matchAll(/data-count="([a-z_]+)">([^<]+)</g)].map((m) => [m[1], m[2]]));
    await b.get('/admin/tickets?queue=all');
    expect(tabs(b.last.html)).toEqual({ mine: '1', unassigned: '2', second_line: '2', breached: '0', all: '3' });
    await b.get('/admin/tickets?queue=all&type=reference');
    expect(tabs(b.last.html)).toEqual({ mine: '0', unassigned: '1', second_line: '0', breached: '0', all: '1' });
    await b.get(`/admin/tickets?queue=all&q=${encodeURIComponent('айгүл')}`);
    expect(tabs(b.last.html)).toEqual({ mine: '1', unassigned: '0', second_line: '1', breached: '0', all: '1' });
    const live = await b.get('/admin/tickets/counts?queue=all&type=technical');
    expect(await live.json()).toEqual({ mine: '1', unassigned: '1', second_line: '2', breached: '0', all: '2' });
  });

  it('Should offer the regions tickets came from as a list, and filter by the one chosen', async () => {
    const { b, theirs } = await workplace();
    await b.get('/admin/tickets?queue=all');
    const select = /<select name="region">([\s\S]*?)<\/select>/.exec(b.last.html)?.[1] ?? '';
    expect([...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['', 'Ақтөбетелеком', 'Алматытелеком']);
    expect(b.last.html).not.toContain('<input name="region"');
    await b.get(`/admin/tickets?queue=all&region=${encodeURIComponent('Ақтөбетелеком')}`);
    expect(numbers(b.last.html)).toEqual([formatTicketNumber(theirs.number)]);
    expect(b.last.html).toContain('<option value="Ақтөбетелеком" selected="">');
  });
});
