/**
 * @module One data row of a call list, checked on its own: the phone normalised to E.164 by the product's phone
 * parser (mobile and home lines), the language read in kk/ru/en words, the account number, tags, and every problem
 * as a report line — a row without a usable phone, or with a formula or an over-long value, is rejected; a value that
 * cannot be used (an unknown language, a malformed account) is dropped with a warning and the row imported.
 */
import { normalizeKzPhone } from '../../verification/phone.ts';
import type { Contact, IssueOutcome, IssueReason } from '../model.ts';
import type { Language } from '../../i18n/model.ts';
import type { Cell } from './cells.ts';
import type { Field, HeaderMap } from './headers.ts';
import { MAX_CELL, MAX_TAG, MAX_TAGS } from './limits.ts';

/** A contact as one row describes it, before duplicates and the do-not-call list are looked at. */
export type ContactDraft = Pick<Contact, 'phone' | 'name' | 'accountNumber' | 'region' | 'language' | 'tags'> & { line: number };

export interface RowIssue {
  line: number;
  column: Field | null;
  reason: IssueReason;
  outcome: IssueOutcome;
  value: string | null;
}

const LANGUAGE_WORDS: Record<string, Language> = {
  kk: 'kk', kz: 'kk', kaz: 'kk', kazakh: 'kk', 'қаз': 'kk', 'каз': 'kk', 'қазақ': 'kk', 'қазақша': 'kk', 'қазақ тілі': 'kk',
  'казахский': 'kk', 'каз.': 'kk', ru: 'ru', rus: 'ru', russian: 'ru', 'рус': 'ru', 'русский': 'ru', 'орыс': 'ru', 'орысша': 'ru',
  'орыс тілі': 'ru', 'рус.': 'ru',
};

/** `kk`, `қаз`, `Қазақша`, `Русский`, `ru` … → the language; empty → null; anything else → undefined (unknown). */
export function readLanguage(text: string): Language | null | undefined {
  const word = text.trim().toLowerCase();
  if (!word) return null;
  return LANGUAGE_WORDS[word];
}

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** Checks one row; `draft` is null when the row is rejected. */
export function readRow(row: { line: number; cells: Cell[] }, header: HeaderMap): { draft: ContactDraft | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const issue = (column: Field | null, reason: IssueReason, outcome: IssueOutcome, value: string | null) =>
    issues.push({ line: row.line, column, reason, outcome, value: value === null ? null : shorten(value) });
  const cell = (f: Field): Cell => {
    const i = header.columns[f];
    return (i === undefined ? undefined : row.cells[i]) ?? { text: '', formula: false };
  };

  const fields: Field[] = ['phone', 'name', 'account', 'region', 'language', 'tags'];
  for (const f of fields) {
    const c = cell(f);
    if (c.formula) issue(f, 'formula', 'rejected', c.text);
    else if (c.text.length > MAX_CELL) issue(f, 'too_long', 'rejected', c.text);
  }
  const phoneText = cell('phone').text;
  const parsed = phoneText ? normalizeKzPhone(phoneText) : null;
  if (!phoneText) issue('phone', 'missing_phone', 'rejected', null);
  else if (!parsed?.ok && !cell('phone').formula) issue('phone', 'bad_phone', 'rejected', phoneText);
  if (issues.some((i) => i.outcome === 'rejected') || !parsed?.ok) return { draft: null, issues };

  const languageText = cell('language').text;
  let language = readLanguage(languageText);
  if (language === undefined) {
    issue('language', 'unknown_language', 'warning', languageText);
    language = null;
  }
  const accountText = cell('account').text.replace(/[\s-]/g, '');
  let accountNumber: string | null = accountText || null;
  if (accountNumber && !/^\d{6,20}$/.test(accountNumber)) {
    issue('account', 'bad_account', 'warning', cell('account').text);
    accountNumber = null;
  }
  const tagList = [...new Set(cell('tags').text.split(/[,;|]/).map((t) => t.trim()).filter(Boolean))];
  if (tagList.length > MAX_TAGS || tagList.some((t) => t.length > MAX_TAG)) issue('tags', 'too_many_tags', 'warning', cell('tags').text);
  const tags = tagList.filter((t) => t.length <= MAX_TAG).slice(0, MAX_TAGS);

  return {
    draft: {
      line: row.line, phone: parsed.value, name: cell('name').text || null, accountNumber,
      region: cell('region').text || null, language, tags,
    },
    issues,
  };
}
