/**
 * @module Language choice: Қазақша or Русский, asked first on a new chat and any time by /language or the menu.
 * The choice is remembered on the chat and on the linked subscriber. On a new chat, someone who answers the question
 * by simply writing ("баланс", "ақау бар") is answered in the language they wrote in, told how to change it, and
 * taken on.
 */
import { languageOfText } from '../../core/i18n/detect.ts';
import { normalizeKzMobile } from '../../core/verification/phone.ts';
import type { Language } from '../../core/i18n/model.ts';
import { missed, stay, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import { withLanguage } from '../engine/first-contact.ts';
import type { OutboundMessage } from '../engine/types.ts';

interface LanguageData {
  then: string | null;
  /** A new chat's first words, asked about before they could be read: they go on with the answer. */
  said?: string;
}

/**
 * What of a new chat's words goes on with the answer: a phone number (verification starts with it). Other words do
 * not — a "1" would pick the menu's first item once the question is answered.
 */
const kept = (text: string | undefined): string | undefined => (text !== undefined && normalizeKzMobile(text).ok ? text : undefined);

/** Both labels and the question are the same in kk and ru on purpose: the reader's language is not known yet. */
function question(ctx: DialogContext): OutboundMessage {
  return {
    text: ctx.t('bot:language.prompt'),
    choices: [
      { id: 'kk', label: ctx.t('bot:language.kk'), synonyms: ['kk', 'kz', 'каз', 'казахский', 'қазақ', 'қазақ тілі'] },
      { id: 'ru', label: ctx.t('bot:language.ru'), synonyms: ['ru', 'рус', 'русский язык', 'орысша', 'орыс тілі'] },
    ],
  };
}

/**
 * Sets the language and goes on to what asked for it, saying `lead` (in the new language) first; `said` (the words
 * the language was read from) goes along, so the greeting can take the subscriber where those words point.
 */
function choose(chosen: Language, data: LanguageData | null, lead: Parameters<typeof withLanguage>[1], said?: string): Step {
  const then = data?.then ?? 'menu';
  return withLanguage(chosen, lead, then, said && (then === 'start' || then === 'menu') ? { said } : undefined);
}

export const language: Dialog<LanguageData> = {
  id: 'language',
  start(ctx, args) {
    const given = args as LanguageData | undefined;
    const then = typeof given?.then === 'string' ? given.then : null;
    const said = kept(typeof given?.said === 'string' ? given.said : undefined);
    return stay(said ? { then, said } : { then }, [question(ctx)]);
  },
  handle(input, data, ctx) {
    if (input.kind === 'choice' && (input.id === 'kk' || input.id === 'ru')) {
      // At the start the greeting in the chosen language says it all; later a short confirmation comes first.
      return choose(input.id, data, data?.then === 'start' ? null : 'bot:language.saved', data?.said);
    }
    // Only a first answer is read for its language; someone who asked to change it is asked again.
    const written = input.kind === 'text' && !ctx.chat.language ? languageOfText(input.text) : null;
    if (written && input.kind === 'text') return choose(written, data, 'bot:language.guessed', input.text);
    // A new chat's phone number typed at the question is kept: verification starts with it once the language is chosen.
    if (input.kind === 'text' && !ctx.chat.language && data?.then === 'start' && kept(input.text)) {
      return stay({ ...data, said: input.text }, [question(ctx)]);
    }
    return missed(stay(data, [question(ctx)]));
  },
  prompt: (_data, ctx) => [question(ctx)],
};
