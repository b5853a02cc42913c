/**
 * @module The phone number in a shared contact (vCard): WhatsApp puts the number it knows in the `waid` parameter
 * of the TEL line (`TEL;type=CELL;waid=77011234567:+7 701 123 4567`); without it, the TEL value is taken as written.
 * @see https://datatracker.ietf.org/doc/html/rfc6350#section-6.4.1
 */

export type VCardPhone = { ok: true; value: string } | { ok: false; reason: 'whatsapp:contact.no_phone' };

/** Lines with folded continuations joined (RFC 6350 §3.2: a line starting with a space or tab continues the previous). */
function unfold(text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

/**
 * The first phone number of a vCard.
 * @example phoneFromVCard('BEGIN:VCARD\nTEL;type=CELL;waid=77011234567:+7 701 123 4567\nEND:VCARD') // { ok: true, value: '+77011234567' }
 */
export function phoneFromVCard(vcard: string): VCardPhone {
  for (const line of unfold(vcard)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const [name = '', ...params] = line.slice(0, colon).split(';');
    // "item1.TEL" — Apple and WhatsApp group properties with a prefix.
    if (name.replace(/^[\w-]+\./, '').toUpperCase() !== 'TEL') continue;
    const waid = params.map((p) => /^waid=(\d{6,15})$/i.exec(p.trim())?.[1]).find(Boolean);
    if (waid) return { ok: true, value: `+${waid}` };
    const value = line.slice(colon + 1).replace(/^tel:/i, '').trim();
    if (/\d{6,}/.test(value.replace(/\D/g, ''))) return { ok: true, value };
  }
  return { ok: false, reason: 'whatsapp:contact.no_phone' };
}
