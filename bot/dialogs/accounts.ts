/**
 * @module The one account picker of every journey (balance, pay, plan, refusal, fault): with one account there is
 * nothing to ask; with several, each is a button "№ 100000000001 · Алматы, …" (or a numbered line) whose choice id
 * is `acc:<account number>`, plus Cancel. A pressed `acc:` id that names none of the accounts offered (a button from
 * before an account closed, or the fault journey's old `acc:<index>` ids) is answered as stale, and the question is
 * asked again.
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
  if (!ctx.chat.subscriberId) return [];
  // Engine-only tests run without the self-service use cases; the list is the store's either way.
  return ctx.services.selfService
    ? ctx.services.selfService.accounts(ctx.chat.subscriberId)
    : ctx.services.accounts.listBySubscriber(ctx.chat.subscriberId);
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

/** What an answer to "which account?" was: an account, a stale account button (answered, asked again), or neither. */
export type AccountPick =
  | { kind: 'picked'; number: string }
  | { kind: 'stale'; say: OutboundMessage[] }
  | { kind: 'none' };

/**
 * Reads an answer to the account question. A stale account button gets a clear answer and the question again.
 * @example const pick = pickAccount(ctx, input, accounts, ctx.t('selfservice:account.pickForPay'));
 */
export function pickAccount(
  ctx: DialogContext,
  input: { kind: string; id?: string; text?: string },
  accounts: PersonalAccount[],
  question: string,
): AccountPick {
  if (input.kind === 'contact') return { kind: 'none' };
  const number = chosenAccount(input, accounts);
  if (number) return { kind: 'picked', number };
  if (input.kind === 'choice' && input.id?.startsWith(PREFIX)) {
    return { kind: 'stale', say: [{ text: ctx.t('selfservice:account.stale') }, askAccount(ctx, accounts, question)] };
  }
  return { kind: 'none' };
}

export const cancelChoice = (ctx: DialogContext): Choice => ({
  id: 'cancel', label: ctx.t('selfservice:common.cancel'), synonyms: ['отмена', 'болдырмау', 'cancel'],
});

export const menuChoice = (ctx: DialogContext): Choice => ({ id: 'menu', label: ctx.t('selfservice:common.menu'), synonyms: ['меню', 'мәзір'] });
