/**
 * A web-chat page's event stream (bot/webchat/event-stream.ts), read as the HTTP server reads it: the events of one
 * turn reach the page together and intact, and a page that stops reading is let go instead of holding the server's
 * memory.
 */
import { describe, expect, it } from 'vitest';
import { EventStream } from '../../bot/webchat/event-stream.ts';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const decoder = new TextDecoder();

describe('web-chat event stream', () => {
  it('Should deliver the events of one turn in one piece, each a complete server-sent event with its JSON', async () => {
    const stream = new EventStream(() => undefined);
    const reader = stream.body.getReader();
    stream.send('message', { id: 'u1', text: 'баланс\nкарта' });
    stream.send('message', { id: 'm1', text: 'Баланс: 1 200 ₸' });
    const { value } = await reader.read();
    const text = decoder.decode(value);
    const events = text.split('\n\n').filter(Boolean);
    expect(events).toHaveLength(2);
    expect(events.map((e) => JSON.parse(e.split('\ndata: ')[1]!).id)).toEqual(['u1', 'm1']);
    expect(events[0]).toMatch(/^event: message\ndata: /);
    stream.comment('keep-alive');
    stream.end();
    expect(decoder.decode((await reader.read()).value)).toBe(': keep-alive\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('Should let a page go once a megabyte waits unread for it, and say so once', async () => {
    let gone = 0;
    const stream = new EventStream(() => (gone += 1));
    const reader = stream.body.getReader();
    const first = reader.read(); // the page reads once, then never again
    const long = 'а'.repeat(20_000);
    for (let i = 0; i < 40 && gone === 0; i += 1) {
      stream.send('message', { id: `m${i}`, text: long });
      await turn();
    }
    expect(gone).toBe(1);
    expect((await first).done).toBe(false);
    await expect(reader.read()).rejects.toThrow(/stopped reading/);
    stream.send('message', { id: 'late', text: 'after the end' });
    stream.end();
    await turn();
    expect(gone).toBe(1);
  });
});
