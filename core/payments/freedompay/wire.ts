/**
 * @module Freedom Pay wire formats: amounts as decimal tenge strings, and the flat XML documents
 * (`<response><pg_status>ok</pg_status>…</response>`) the gateway and the merchant exchange.
 */
import type { Fields } from './signature.ts';

/** Tiyn → the gateway's decimal amount, always with two decimals. @example toWireAmount(1234550) // '12345.50' */
export function toWireAmount(tiyn: number): string {
  return `${Math.floor(tiyn / 100)}.${String(tiyn % 100).padStart(2, '0')}`;
}

/**
 * The gateway's decimal amount → tiyn, exactly (no floating point), or null when it is not a plain amount.
 * @example fromWireAmount('12345.5') // 1234550
 */
export function fromWireAmount(text: string | undefined): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec((text ?? '').trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const unescapeXml = (s: string): string =>
  s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** A flat `<response>` document with the fields in the given order. */
export function toXml(fields: Fields): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `  <${name}>${escapeXml(value)}</${name}>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<response>\n${body}\n</response>\n`;
}

/** The leaf fields of a flat `<response>` document (nested elements are not used by the calls we make). */
export function fromXml(xml: string): Fields {
  const fields: Fields = {};
  for (const match of xml.matchAll(/<([a-z][a-z0-9_]*)>([^<]*(?:<!\[CDATA\[[\s\S]*?\]\]>[^<]*)*)<\/\1>/gi)) {
    const [, name, value] = match;
    if (name && name !== 'response') fields[name] = unescapeXml(value ?? '');
  }
  return fields;
}
