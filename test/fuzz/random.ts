/**
 * @module Seeded randomness for the fuzz run: one PRNG (mulberry32) so a failing seed replays exactly, and the
 * texts people really send in any script — Kazakh and Russian Cyrillic, Latin, Arabic, Chinese, Devanagari, emoji
 * with skin tones and ZWJ families, combining marks, right-to-left marks, control characters, digits that look like
 * phone numbers and codes, and messages at Telegram's 4,096-character limit.
 */

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Picks a key by weight: { text: 5, media: 1 } → 'text' five times as often. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries.at(-1)![0];
  }
}

/** Alphabets as code-point ranges. */
const SCRIPTS: Record<string, [number, number][]> = {
  cyrillic: [[0x0410, 0x044f], [0x0401, 0x0401], [0x0451, 0x0451]],
  kazakh: [[0x0410, 0x044f], [0x04d8, 0x04d9], [0x0492, 0x0493], [0x049a, 0x049b], [0x04a2, 0x04a3], [0x04e8, 0x04e9], [0x04b0, 0x04b1], [0x04ae, 0x04af], [0x04ba, 0x04bb], [0x0406, 0x0406], [0x0456, 0x0456]],
  latin: [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0xff]],
  arabic: [[0x0621, 0x064a]],
  cjk: [[0x4e00, 0x4fff]],
  devanagari: [[0x0905, 0x0939]],
  emoji: [[0x1f600, 0x1f64f], [0x1f300, 0x1f5ff], [0x1f680, 0x1f6ff], [0x2600, 0x26ff]],
  symbols: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e], [0x2010, 0x2027]],
  digits: [[0x30, 0x39]],
  control: [[0x00, 0x1f], [0x7f, 0x9f], [0x200b, 0x200f], [0x202a, 0x202e], [0x2066, 0x2069], [0xfeff, 0xfeff]],
};

/** Sequences a code-point generator would never produce but phones do. */
const SPECIALS = [
  '👨‍👩‍👧‍👦', '👍🏽', '🇰🇿', '❤️', 'й', 'й', 'Ә̀', '\u202eтекст', '\r\n', '\t', '   ', '…', '«»', '№', '₸',
  '<script>alert(1)</script>', '{{amount}}', '$t(common:error.unexpected)', '%s%n', '../../etc/passwd', "' OR 1=1 --",
  'null', 'undefined', 'NaN', '__proto__', 'constructor', '\\u0000', '💩'.repeat(3),
];

/** Words the bot's menus understand, so random text sometimes walks real journeys. */
const MEANINGFUL = [
  '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '10', '99', 'да', 'нет', 'иә', 'жоқ', 'баланс', 'оплата', 'төлеу', 'меню', 'мәзір',
  'тариф', 'заявка', 'оператор', 'назад', 'артқа', 'отмена', 'болдырмау', 'қазақша', 'русский', 'помощь', 'көмек', 'неисправность',
  'интернет не работает', 'ақау', 'отказ', 'менің өтінімдерім', 'мои заявки', 'выйти', 'шығу', 'да, согласен', 'согласен',
  '+7 701 123 45 67', '87011234567', '7011234567', '+77021234567', '+7 705 123 45 67', '100000000001', '100000000003',
  '123456', '000000', '999999', '5000', '100', '500001', '1 000', '-5', '0,5', '12.5',
];

function fromScript(random: Random, script: string): string {
  const ranges = SCRIPTS[script]!;
  const [low, high] = random.pick(ranges);
  return String.fromCodePoint(random.int(low, high));
}

/** A text of `length` characters mixing scripts, spaces and special sequences. */
export function randomText(random: Random, length: number): string {
  const scripts = Object.keys(SCRIPTS);
  const main = random.pick(scripts);
  const parts: string[] = [];
  let count = 0;
  while (count < length) {
    const roll = random.next();
    const part = roll < 0.12 ? ' '
      : roll < 0.16 ? random.pick(SPECIALS)
        : fromScript(random, roll < 0.75 ? main : random.pick(scripts));
    parts.push(part);
    count += [...part].length;
  }
  return [...parts.join('')].slice(0, length).join('');
}

/** What a person might type: menu words, numbers, junk, or a full-length message. */
export function typedText(random: Random): string {
  switch (random.weighted({ meaningful: 6, short: 5, long: 1, limit: 1, special: 1, blank: 1 })) {
    case 'meaningful':
      return random.pick(MEANINGFUL);
    case 'short':
      return randomText(random, random.int(1, 40));
    case 'long':
      return randomText(random, random.int(200, 2000));
    case 'limit':
      return randomText(random, 4096);
    case 'special':
      return random.pick(SPECIALS);
    case 'blank':
      return random.pick([' ', '\n', '\u200b', '\t \n']);
  }
}

/** A command with junk: real names, unknown ones, odd case, bot suffixes, arguments in any script. */
export function junkCommand(random: Random): string {
  const name = random.pick(['start', 'menu', 'help', 'language', 'logout', 'START', 'Menu', 'unknown', 'x', 'a'.repeat(32), 'start_2', randomText(random, 5)]);
  const suffix = random.chance(0.2) ? random.pick(['@test_selfservice_bot', '@other_bot', '@']) : '';
  const args = random.chance(0.4) ? ` ${randomText(random, random.int(1, 60))}` : '';
  return `/${name}${suffix}${args}`;
}

/** Button payloads nobody was shown: wrong tokens, no separator, long, empty, other scripts. */
export function forgedCallbackData(random: Random): string {
  return random.pick([
    `${randomText(random, 8)}:${randomText(random, 10)}`,
    `tok:${random.pick(['menu.balance', 'menu.pay', 'plan.confirm', 'refusal.confirm', 'pay.amount', 'lang.kk', 'x'.repeat(60)])}`,
    ':', '::::', '', 'no-separator', `${'a'.repeat(40)}:${'b'.repeat(40)}`, `:${randomText(random, 3)}`, randomText(random, 64),
  ]);
}
