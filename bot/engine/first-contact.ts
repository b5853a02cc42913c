/**
 * @module Before a chat has its language, the greeting comes first: the cross-border notice of contract cl. 33(20)
 * and the contract are never skipped by what someone sends instead of answering the language question. A new chat's
 * first words, or a menu word typed at the question ("мәзір", "меню"), are read for their language; a command sent
 * before answering (`/menu`, `/balance`) takes the channel's locale (Telegram's `language_code`). The greeting then
 * goes where they point. With nothing to read a language from, a new chat is asked the question; a phone number
 * it sent goes on with the answer.
 */
import { languageOfText } from '../../core/i18n/detect.ts';
import { translator } from '../../core/i18n/i18n.ts';
import type { Language } from '../../core/i18n/model.ts';
import { go, type Step } from './dialog.ts';
import type { FlowStep } from './flow-step.ts';
import { typedCommand } from './typed-commands.ts';
import type { InboundEvent } from './types.ts';

/** Where the greeting (the `start` dialog) goes on: the words a new chat began with, read by the menu, or a command's dialog. */
export interface StartArgs {
  said?: string;
  then?: string;
  thenArgs?: unknown;
}

/** Sets the chat's language and goes on to `dialog`, saying `lead` first in that language (the language dialog uses it too). */
export function withLanguage(language: Language, lead: 'bot:language.saved' | 'bot:language.guessed' | null, dialog: string, args?: unknown): Step {
  const say = lead ? [{ text: translator(language)(lead), replaceMenu: true }] : [];
  return go(dialog, args, say, [{ kind: 'setLanguage', language }]);
}

/** The language read from what a new chat sent is set, the subscriber told how to change it, and the greeting follows. */
const greetIn = (language: Language, onward: StartArgs): Step => withLanguage(language, 'bot:language.guessed', 'start', onward);

/** Greets a chat that has no language yet when the event would skip the greeting; false when it would not. */
export async function greetFirst(step: FlowStep, event: InboundEvent): Promise<boolean> {
  const { chat, localeHint, registry } = step.flow;
  const asking = step.state.dialog === 'language';
  if (chat.language || step.handedOff || !(step.fresh || asking)) return false;
  if (event.kind === 'command') {
    const command = registry.getCommand(event.name);
    if (!command || command.dialog === 'start' || command.dialog === 'language' || !localeHint) return false;
    await step.apply(greetIn(localeHint, { then: command.dialog, thenArgs: command.args }), 'language', 0);
    return true;
  }
  // At the question, words that are not a command are the language dialog's own to read.
  if (event.kind !== 'text' || (asking && !typedCommand(event.text))) return false;
  const written = languageOfText(event.text);
  if (written) {
    await step.apply(greetIn(written, { said: event.text }), 'language', 0);
    return true;
  }
  if (!step.fresh) return false;
  // The question decides what of the words goes on with its answer (a phone number does).
  await step.enter('language', { then: 'start', said: event.text });
  return true;
}
