/**
 * @module The header row of a call list: which column holds which field, recognised by name in Kazakh, Russian or
 * English ("Телефон", "телефон нөмірі", "phone"; "ФИО", "аты-жөні", "name"; "лицевой счёт", "дербес шот"…), in any
 * case, with or without punctuation. Unknown columns are ignored (and listed); a file without a phone column is refused.
 */
import type { Cell } from './cells.ts';

export const FIELDS = ['phone', 'name', 'account', 'region', 'language', 'tags'] as const;
export type Field = (typeof FIELDS)[number];

const ALIASES: Record<Field, string[]> = {
  phone: ['phone', 'phone number', 'telephone', 'tel', 'mobile', 'msisdn', 'number', 'телефон', 'тел', 'номер', 'номер телефона',
    'мобильный', 'мобильный телефон', 'сотовый', 'телефон нөмірі', 'нөмір', 'ұялы телефон', 'ұялы', 'байланыс телефоны'],
  name: ['name', 'full name', 'fullname', 'subscriber', 'имя', 'фио', 'ф и о', 'абонент', 'клиент', 'полное имя', 'аты жөні', 'аты',
    'есімі', 'толық аты', 'аты жөні тегі', 'тегі аты'],
  account: ['account', 'personal account', 'account number', 'лицевой счет', 'лицевой счёт', 'номер лицевого счета', 'лс', 'л с',
    'счет', 'дербес шот', 'дербес шот нөмірі', 'шот', 'шот нөмірі'],
  region: ['region', 'branch', 'oblast', 'регион', 'область', 'филиал', 'город', 'аймақ', 'өңір', 'облыс', 'қала', 'филиалы'],
  language: ['language', 'lang', 'язык', 'язык обслуживания', 'тіл', 'қызмет көрсету тілі'],
  tags: ['tags', 'tag', 'labels', 'теги', 'тег', 'метки', 'метка', 'белгілер', 'тегтер', 'белгі'],
};

/** Lower case, ё → е, punctuation and repeated spaces out: "Ф.И.О." → "ф и о", "Лицевой счёт №" → "лицевой счет". */
export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const LOOKUP = new Map<string, Field>(
  FIELDS.flatMap((f) => ALIASES[f].map((a) => [normaliseHeader(a), f] as [string, Field])),
);

export interface HeaderMap {
  /** Field → column index (the first column of that name wins). */
  columns: Partial<Record<Field, number>>;
  /** Header names of columns the import does not use. */
  ignored: string[];
  /** The header names as written, by column index (for the report). */
  names: string[];
}

/** Reads the header row. */
export function mapHeader(cells: Cell[]): HeaderMap {
  const columns: Partial<Record<Field, number>> = {};
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const field = LOOKUP.get(normaliseHeader(cell.text));
    if (field && columns[field] === undefined) columns[field] = i;
    else if (cell.text) ignored.push(cell.text.slice(0, 60));
  });
  return { columns, ignored, names: cells.map((c) => c.text) };
}
