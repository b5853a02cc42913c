/**
 * @module The log scanner (issue 20 item 13): finds phone numbers, IINs, one-time codes, tokens and passwords in
 * structured log lines. Rules go by shape, not by the values some test happens to use, so a test added tomorrow is
 * guarded as well: every string in a line (values and field names) is checked, and a field named like a secret must
 * hold `[redacted]`. Shapes that are not personal data (ids, times, versions, amounts, file positions) are cut out
 * first. Each hit names the rule, the file and line, and a masked excerpt — never the secret itself.
 */

export type Rule = 'phone' | 'iin' | 'code' | 'token' | 'password';

export interface Hit {
  rule: Rule;
  /** Where: `<file>:<line>` and the JSON path of the string. */
  where: string;
  /** The matched text with its digits and letters masked, to tell what it was without repeating it. */
  masked: string;
}

/** Field names whose value must never appear in a log. */
const SECRET_FIELD = /^(password|passwordHash|pass|pwd|secret|token|apiKey|authorization|cookie|code|otp|pin|iin|phone|msisdn)$/i;

/** Cut out before the rules run: shapes that carry digits but no personal data. */
const HARMLESS: RegExp[] = [
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUIDs
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, // dates and times
  /\b\d{2}:\d{2}(?::\d{2})?\b/g, // clock times
  /(?:https?|file|mongodb):\/\/[^\s"']+/g, // URLs (ports, paths)
  /(?:\/[\w.@+-]+)+(?::\d+){0,2}/g, // file paths with line:column
  /\bT-\d{4,}\b/g, // ticket numbers
  /\b(?:TEST-)?\d{6,}\.(?:js|ts)\b/g,
  /\b\d+[.,]\d+(?:\.\d+)*\b/g, // versions, decimal amounts (7245.50, 7 245,50)
  /\bv\d+\.\d+\.\d+\b/g,
  /\[redacted[\w-]*\]/g,
];

const PHONE = /(?<![\w+])(?:\+?7|8)[\s(-]*7\d{2}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?![\w])|(?<![\w+])7\d{9}(?!\w)/g;
const TWELVE_DIGITS = /(?<!\w)\d{12}(?!\w)/g;
const CODE = /(?<![\w:+-])\d{4,8}(?![\w:-])/g;
const TELEGRAM_TOKEN = /\b\d{6,}:[A-Za-z0-9_-]{30,}\b/g;
/** A long random-looking run (session tokens, keys): letters and digits mixed, at least 32 characters. */
const RANDOM_RUN = /(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])/g;

/**
 * What an IIN looks like: twelve digits starting with a birth date YYMMDD and a century-and-sex digit 1–6. The check
 * digit is not required: a mistyped or test IIN is personal data all the same. A personal-account number
 * (100000000001: month 00) is not one.
 */
export function isIin(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const century = Number(digits[6]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && century >= 1 && century <= 6;
}

const mask = (text: string) => text.replace(/\d/g, '#').replace(/[A-Za-z]/g, 'x');

function looksRandom(run: string): boolean {
  return /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run);
}

/** The hits in one string. */
export function scanText(text: string, where: string): Hit[] {
  let rest = text;
  for (const re of HARMLESS) rest = rest.replace(re, ' ');
  const hits: Hit[] = [];
  const add = (rule: Rule, found: string) => hits.push({ rule, where, masked: mask(found) });
  for (const m of rest.matchAll(TELEGRAM_TOKEN)) add('token', m[0]);
  rest = rest.replace(TELEGRAM_TOKEN, ' ');
  for (const m of rest.matchAll(RANDOM_RUN)) if (looksRandom(m[0])) add('token', m[0]);
  for (const m of rest.matchAll(PHONE)) add('phone', m[0]);
  rest = rest.replace(PHONE, ' ');
  for (const m of rest.matchAll(TWELVE_DIGITS)) if (isIin(m[0])) add('iin', m[0]);
  rest = rest.replace(TWELVE_DIGITS, ' ');
  for (const m of rest.matchAll(CODE)) add('code', m[0]);
  return hits;
}

/** The hits in one log line (JSON; a line that is not JSON is scanned as text). */
export function scanLine(line: string, where: string): Hit[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return scanText(line, where);
  }
  const hits: Hit[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') hits.push(...scanText(v, `${where} ${path}`));
    else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [key, inner] of Object.entries(v)) {
        hits.push(...scanText(key, `${where} ${path}.<key>`));
        if (SECRET_FIELD.test(key) && inner !== '[redacted]' && inner !== null && inner !== undefined) {
          hits.push({ rule: key.toLowerCase().includes('pass') || key === 'pwd' ? 'password' : 'token', where: `${where} ${path}.${key}`, masked: mask(String(inner)).slice(0, 40) });
        } else walk(inner, `${path}.${key}`);
      }
    }
  };
  walk(value, '$');
  return hits;
}
