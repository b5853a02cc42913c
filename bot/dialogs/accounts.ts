/**
 * @module Choosing one of the subscriber's personal accounts, shared by the self-service journeys: with one account
 * there is nothing to ask; with several, each is a button "№ 100000000001 · Алматы, …" (or a numbered line).
 */
import type { SelfService } from '../../core/selfservice/index.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import type { DialogContext } from '../engine/dialog.ts';
import { fitLabel } from '../engine/render.ts';
import type { Choice, OutboundMessage } from '../engine/types.ts';

const PREFIX = 'acc:';

/** The self-service use cases; main.ts always provides them (only engine-only tests run without). */
export function selfService(ctx: DialogContext): SelfService {
  const found = ctx.services.selfService;
  if (!found) throw new Error('self-service use cases are not wired (Services.selfService)');
  return found;
}

/** The linked subscriber's accounts, in number order. */
export async function subscriberAccounts(ctx: DialogContext): Promise<PersonalAccount[]> {
  return ctx.chat.subscriberId ? selfService(ctx).accounts(ctx.chat.subscriberId) : [];
}

/**
 * Which account a journey starts on: the only one, or the one named in `args.accountNumber` (a button on a balance
 * message); otherwise null, and the journey asks.
 */
export function accountToStart(accounts: PersonalAccount[], args: unknown): string | null {
  const wanted = (args as { accountNumber?: string } | undefined)?.accountNumber;
  return (accounts.length === 1 ? accounts[0]?.number : accounts.find((a) => a.number === wanted)?.number) ?? null;
}

/** One button per account. */
export function accountChoices(ctx: DialogContext, accounts: PersonalAccount[]): Choice[] {
  return accounts.slice(0, ctx.capabilities.maxChoices - 1).map((a) => ({
    id: `${PREFIX}${a.number}`,
    label: fitLabel(ctx.t('selfservice:account.label', { number: a.number, address: a.address }), ctx.capabilities.maxLabelLength),
    synonyms: [a.number],
  }));
}

/** "Which account?" with a cancel button. */
export function askAccount(ctx: DialogContext, accounts: PersonalAccount[], question: string): OutboundMessage {
  return { text: question, choices: [...accountChoices(ctx, accounts), cancelChoice(ctx)] };
}

/** The account number an input names: a pressed account button, or the number typed. */
export function chosenAccount(input: { kind: string; id?: string; text?: string }, accounts: PersonalAccount[]): string | null {
  const raw = input.kind === 'choice' && input.id?.startsWith(PREFIX) ? input.id.slice(PREFIX.length) : (input.text ?? '').replace(/\D/g, '');
  return accounts.find((a) => a.number === raw)?.number ?? null;
}

export const cancelChoice = (ctx: DialogContext): Choice => ({
  id: 'cancel', label: ctx.t('selfservice:common.cancel'), synonyms: ['отмена', 'болдырмау', 'cancel'],
});

export const menuChoice = (ctx: DialogContext): Choice => ({ id: 'menu', label: ctx.t('selfservice:common.menu'), synonyms: ['меню', 'мәзір'] });
