/**
 * The ticket's fields are typed once (core/store/ticket-columns.ts) and both adapters derive from that map, so a field
 * added to `Ticket` but not given a column is a compile error (`npm test` runs `tsc` first), not a value one store drops.
 */
import { describe, expect, it } from 'vitest';
import type { Columns } from '../../core/store/campaign-columns.ts';
import { TICKET_COLUMNS, TICKET_PATCH_FIELDS } from '../../core/store/ticket-columns.ts';
import type { Ticket } from '../../core/tickets/model.ts';

/** The model as it would be the day someone adds a field to it. */
type TicketWithANewField = Ticket & { satisfactionNote: string | null };

describe('ticket fields: one typed map for both stores', () => {
  it('a field added to the ticket model without a column does not compile', () => {
    // @ts-expect-error `satisfactionNote` has no column: if this line ever compiles, the guard is gone.
    const columns: Columns<TicketWithANewField> = TICKET_COLUMNS;
    expect(Object.keys(columns)).not.toContain('satisfactionNote');
  });

  it('every field has its own column, and every field but the fixed ones can be changed', () => {
    const names = Object.values(TICKET_COLUMNS).map(([column]) => column);
    expect(new Set(names).size).toBe(names.length);
    expect(TICKET_PATCH_FIELDS).toEqual(expect.arrayContaining(['status', 'assigneeId', 'callbackDueAt', 'closedAt']));
    expect(TICKET_PATCH_FIELDS).not.toEqual(expect.arrayContaining(['id']));
    expect(TICKET_PATCH_FIELDS).not.toContain('number');
  });
});
