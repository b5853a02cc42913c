/**
 * @module Report a fault (PRODUCT.md journey 6): pick the account, the service and the symptom; the checks of
 * core/faults run first (disconnected for debt → pay; planned works or a known outage at the address → when it ends;
 * Megaline Hit throttled → why and until when); then a few self-help steps; then a technical ticket with its number
 * and the promised callback time in Almaty time (seed 003 cl. 5). Before registering, the subscriber may give a short
 * description and a convenient callback time (both skippable). Every picker has Cancel; the account is picked with
 * the one picker of every journey (accounts.ts). An open ticket for the same service is shown instead of a second one.
 */
import { explain, formatDateTime } from '../../core/billing/explain.ts';
import type { PreTicketFinding } from '../../core/faults/checks.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import { isInService } from '../../core/accounts/status.ts';
import { CALLBACK_SLOTS, isCallbackSlot, MAX_CALLBACK_WORDS, MAX_FAULT_DESCRIPTION, type CallbackTime } from '../../core/tickets/index.ts';
import { go, missed, stay, toMenu, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import type { Choice, OutboundMessage } from '../engine/types.ts';
import { askAccount, cancelChoice, pickAccount, subscriberAccounts } from './accounts.ts';
import { numberText, whenText } from './ticket-text.ts';

/** Symptoms offered per service; anything else gets the generic list. */
export const SYMPTOMS: Record<string, string[]> = {
  megaline: ['no_internet', 'slow', 'drops', 'wifi'],
  phone: ['no_tone', 'noise', 'no_calls'],
  other: ['not_working'],
};

type Stage = 'account' | 'service' | 'symptom' | 'finding' | 'selfhelp' | 'describe' | 'callback';

interface FaultData {
  stage: Stage;
  accountId: string | null;
  service: string | null;
  symptom: string | null;
  /** Given before registering (optional; absent in data saved before these steps existed). */
  description?: string | null;
  /** What the checks found (stage `finding`), so the question can be asked again with its own choices. */
  finding?: PreTicketFinding['kind'] | null;
}

const operatorChoice = (ctx: DialogContext): Choice => ({ id: 'operator', label: ctx.t('tickets:fault.operator'), synonyms: ['оператор'] });
const skipChoice = (ctx: DialogContext): Choice => ({ id: 'skip', label: ctx.t('tickets:fault.skip'), synonyms: ['пропустить', 'өткізіп жіберу', 'нет', 'жоқ'] });

/** Accounts a fault can be reported on: not closed, not archived. */
async function accountsOf(ctx: DialogContext): Promise<PersonalAccount[]> {
  return (await subscriberAccounts(ctx)).filter((a) => isInService(a.status));
}

const askFaultAccount = (ctx: DialogContext, accounts: PersonalAccount[]) => askAccount(ctx, accounts, ctx.t('tickets:fault.ask_account'));

const serviceLabel = (ctx: DialogContext, service: string) =>
  ctx.t(`rules:service.${service}`, { defaultValue: service });

function askService(ctx: DialogContext, services: string[]): OutboundMessage {
  return { text: ctx.t('tickets:fault.ask_service'), choices: [...services.map((s) => ({ id: `svc:${s}`, label: serviceLabel(ctx, s) })), cancelChoice(ctx)] };
}

const symptomsFor = (service: string): string[] => SYMPTOMS[service] ?? SYMPTOMS.other!;

function askSymptom(ctx: DialogContext, service: string): OutboundMessage {
  return {
    text: ctx.t('tickets:fault.ask_symptom', { service: serviceLabel(ctx, service) }),
    choices: [...symptomsFor(service).map((s) => ({ id: `sym:${s}`, label: ctx.t(`tickets:fault.symptom.${s}`) })), cancelChoice(ctx)],
  };
}

async function withAccount(ctx: DialogContext, data: FaultData, account: PersonalAccount): Promise<Step> {
  const next = { ...data, accountId: account.id };
  const services = account.services.length > 0 ? account.services : ['megaline'];
  if (services.length === 1) return withService(ctx, next, services[0]!);
  return stay({ ...next, stage: 'service' }, [askService(ctx, services)]);
}

async function withService(ctx: DialogContext, data: FaultData, service: string): Promise<Step> {
  const next: FaultData = { ...data, service, stage: 'symptom' };
  // An open technical ticket for the same account and service: show it instead of opening another.
  const open = ctx.chat.subscriberId ? await ctx.services.tickets.activeForSubscriber(ctx.chat.subscriberId, 20) : [];
  const same = open.find((t) => t.type === 'technical' && t.accountId === data.accountId && t.service === service);
  if (same) {
    const text = same.callbackDueAt && !same.callbackOutcome && !same.breached
      ? ctx.t('tickets:fault.already_open_due', { number: numberText(same), status: ctx.t(`tickets:status.${same.status}`), when: whenText(ctx.t, same.callbackDueAt, ctx.now) })
      : ctx.t('tickets:fault.already_open', { number: numberText(same), status: ctx.t(`tickets:status.${same.status}`) });
    return toMenu([{ text }]);
  }
  return stay(next, [askSymptom(ctx, service)]);
}

/** The way forward after a check's finding, as buttons. */
function findingChoices(ctx: DialogContext, kind: PreTicketFinding['kind']): Choice[] {
  const register: Choice = { id: 'register', label: ctx.t('tickets:fault.register_anyway') };
  switch (kind) {
    case 'disconnected_for_debt':
      return [{ id: 'pay', label: ctx.t('tickets:fault.pay'), synonyms: ['оплатить', 'төлеу'] }, cancelChoice(ctx)];
    case 'outage':
      return [register, cancelChoice(ctx)];
    case 'hit_throttled':
      return [{ id: 'plan', label: ctx.t('tickets:fault.change_plan') }, register, cancelChoice(ctx)];
  }
}

/** The words for a check's finding, with the way forward as buttons. */
function explainFinding(ctx: DialogContext, finding: PreTicketFinding): OutboundMessage {
  const choices = findingChoices(ctx, finding.kind);
  switch (finding.kind) {
    case 'disconnected_for_debt':
      return { text: explain({ reason: finding.reason, params: { amountTiyn: finding.amountTiyn } }, ctx.language), choices };
    case 'outage':
      return { text: ctx.t(finding.reason, { date: finding.endsAt ? formatDateTime(finding.endsAt, ctx.language) : ctx.t('rules:fault.unknownEnd') }), choices };
    case 'hit_throttled':
      return { text: explain({ reason: finding.reason, params: { speed: finding.downKbps, date: finding.restoresOn } }, ctx.language), choices };
  }
}

async function withSymptom(ctx: DialogContext, data: FaultData, symptom: string): Promise<Step> {
  const next: FaultData = { ...data, symptom };
  const account = data.accountId ? await ctx.services.accounts.get(data.accountId) : null;
  if (!account || !data.service) return toMenu([{ text: ctx.t('common:error.unexpected') }]);
  const finding = await ctx.services.faults.checkBeforeTicket(account, data.service, ctx.now);
  if (finding) return stay({ ...next, stage: 'finding', finding: finding.kind }, [explainFinding(ctx, finding)]);
  return stay({ ...next, stage: 'selfhelp' }, [selfHelp(ctx, symptom)]);
}

function selfHelp(ctx: DialogContext, symptom: string): OutboundMessage {
  return {
    text: `${ctx.t('tickets:fault.selfhelp_intro')}\n${ctx.t(`tickets:fault.selfhelp.${symptom}`)}\n\n${ctx.t('tickets:fault.selfhelp_ask')}`,
    choices: [
      { id: 'helped', label: ctx.t('tickets:fault.helped'), synonyms: ['да', 'иә', 'иа', 'ия', 'помогло', 'көмектесті'] },
      { id: 'register', label: ctx.t('tickets:fault.not_helped'), synonyms: ['нет', 'жоқ', 'жок', 'не помогло'] },
      operatorChoice(ctx),
      cancelChoice(ctx),
    ],
  };
}

function askDescription(ctx: DialogContext): OutboundMessage {
  return { text: ctx.t('tickets:fault.ask_description'), choices: [skipChoice(ctx), cancelChoice(ctx)] };
}

function askCallback(ctx: DialogContext): OutboundMessage {
  const slots = CALLBACK_SLOTS.map((slot) => ({ id: `slot:${slot}`, label: ctx.t(`tickets:fault.slot.${slot}`) }));
  return { text: ctx.t('tickets:fault.ask_callback'), choices: [...slots, skipChoice(ctx), cancelChoice(ctx)] };
}

/** The description typed (or skipped), then the callback question. */
function withDescription(ctx: DialogContext, data: FaultData, text: string | null): Step {
  if (text && text.length > MAX_FAULT_DESCRIPTION) {
    return missed(stay(data, [{ text: ctx.t('tickets:fault.description_too_long', { length: text.length, max: MAX_FAULT_DESCRIPTION }) }, askDescription(ctx)]));
  }
  return stay({ ...data, stage: 'callback', description: text }, [askCallback(ctx)]);
}

/** The callback time pressed, typed or skipped: the ticket is registered. */
function withCallback(ctx: DialogContext, data: FaultData, input: { kind: string; id?: string; text?: string }): Promise<Step> | Step {
  if (input.kind === 'choice' && input.id === 'skip') return register(ctx, data, null);
  const slot = input.kind === 'choice' && input.id?.startsWith('slot:') ? input.id.slice(5) : null;
  if (slot && isCallbackSlot(slot)) return register(ctx, data, { slot });
  const words = input.kind === 'text' ? (input.text ?? '').trim() : '';
  if (!words) return missed(stay(data, [{ text: ctx.t('tickets:fault.pick') }, askCallback(ctx)]));
  if (words.length > MAX_CALLBACK_WORDS) return missed(stay(data, [{ text: ctx.t('tickets:fault.callback_too_long', { max: MAX_CALLBACK_WORDS }) }, askCallback(ctx)]));
  return register(ctx, data, { words });
}

async function register(ctx: DialogContext, data: FaultData, callbackTime: CallbackTime | null): Promise<Step> {
  const account = data.accountId ? await ctx.services.accounts.get(data.accountId) : null;
  const subscriber = ctx.chat.subscriberId ? await ctx.services.subscribers.get(ctx.chat.subscriberId) : null;
  const ticket = await ctx.services.tickets.register({
    type: 'technical',
    channel: ctx.chat.channel,
    language: ctx.language,
    subscriberId: ctx.chat.subscriberId,
    accountId: account?.id ?? null,
    chatKey: ctx.chat.key,
    phone: ctx.chat.linkedPhone ?? subscriber?.phone ?? null,
    region: account?.region ?? null,
    service: data.service,
    symptom: data.symptom,
    description: data.description ?? null,
    callbackTime,
    actor: { type: 'subscriber', id: ctx.chat.subscriberId },
  });
  const number = numberText(ticket);
  const say: OutboundMessage[] = [];
  if (ticket.callbackDueAt) {
    say.push({ text: ctx.t('tickets:fault.registered', { number, when: whenText(ctx.t, ticket.callbackDueAt, ctx.now) }) });
  } else {
    say.push({ text: ctx.t('tickets:fault.registered_no_due', { number }) });
  }
  if (callbackTime) say.push({ text: ctx.t('tickets:fault.callback_noted', { time: callbackText(ctx, callbackTime) }) });
  say.push({ text: ctx.t('tickets:fault.track') });
  return toMenu(say);
}

/** The callback time as it reads inside a sentence: "вечером, 17:00–21:00", or the subscriber's own words. */
function callbackText(ctx: DialogContext, time: CallbackTime): string {
  if ('words' in time) return time.words;
  const label = ctx.t(`tickets:fault.slot.${time.slot}`);
  return label.charAt(0).toLocaleLowerCase(ctx.language) + label.slice(1);
}

export const fault: Dialog<FaultData | null> = {
  id: 'fault',
  requiresLink: true,
  async start(ctx) {
    const data: FaultData = { stage: 'account', accountId: null, service: null, symptom: null };
    const accounts = await accountsOf(ctx);
    if (accounts.length === 0) return go('handoff', { reason: 'requested' }, [{ text: ctx.t('tickets:fault.no_account') }]);
    if (accounts.length === 1) return withAccount(ctx, data, accounts[0]!);
    return stay(data, [askFaultAccount(ctx, accounts)]);
  },
  async handle(input, data, ctx) {
    if (!data) return fault.start(ctx, undefined);
    if (input.kind === 'choice' && input.id === 'cancel') return toMenu([{ text: ctx.t('selfservice:common.cancelled'), replaceMenu: true }]);
    if (data.stage === 'describe' && input.kind !== 'contact') {
      const skipped = input.kind === 'choice' && input.id === 'skip';
      if (skipped || input.kind === 'text') return withDescription(ctx, data, skipped || input.kind !== 'text' ? null : input.text.trim());
    }
    if (data.stage === 'callback' && input.kind !== 'contact') return withCallback(ctx, data, input);
    if (data.stage === 'account') {
      const accounts = await accountsOf(ctx);
      const pick = pickAccount(ctx, input, accounts, ctx.t('tickets:fault.ask_account'));
      const account = pick.kind === 'picked' ? accounts.find((a) => a.number === pick.number) : undefined;
      if (account) return withAccount(ctx, data, account);
      if (pick.kind === 'stale') return stay(data, pick.say);
      if (input.kind !== 'choice' || input.id !== 'operator') return missed(stay(data, [{ text: ctx.t('tickets:fault.pick') }, askFaultAccount(ctx, accounts)]));
    }
    if (input.kind === 'choice') {
      const [kind, value] = input.id.split(':');
      if (input.id === 'menu') return toMenu();
      if (input.id === 'operator') return go('handoff', { reason: 'requested' });
      if (input.id === 'pay') return go('pay');
      if (input.id === 'plan') return go('plan');
      if (input.id === 'helped') return toMenu([{ text: ctx.t('tickets:fault.glad') }]);
      if (input.id === 'register' && data.symptom) return stay({ ...data, stage: 'describe' }, [askDescription(ctx)]);
      if (kind === 'svc' && value) return withService(ctx, data, value);
      if (kind === 'sym' && value && data.service && symptomsFor(data.service).includes(value)) return withSymptom(ctx, data, value);
    }
    // "Please pick one", then the question again — unless the question again already says just that.
    const again = fault.prompt?.(data, ctx) ?? [];
    const saysPick = again.some((m) => m.text === ctx.t('tickets:fault.pick_again'));
    return missed(stay(data, saysPick ? again : [{ text: ctx.t('tickets:fault.pick') }, ...again]));
  },
  prompt(data, ctx) {
    if (!data) return [];
    if (data.stage === 'symptom' && data.service) return [askSymptom(ctx, data.service)];
    if (data.stage === 'selfhelp' && data.symptom) return [selfHelp(ctx, data.symptom)];
    if (data.stage === 'finding' && data.finding) return [{ text: ctx.t('tickets:fault.pick_again'), choices: findingChoices(ctx, data.finding) }];
    if (data.stage === 'describe') return [askDescription(ctx)];
    // Words only: the account buttons stay on screen (and the engine carries them over after a miss).
    if (data.stage === 'account') return [{ text: ctx.t('tickets:fault.ask_account') }];
    if (data.stage === 'callback') return [askCallback(ctx)];
    return [{ text: ctx.t('tickets:fault.pick_again'), choices: [cancelChoice(ctx), operatorChoice(ctx)] }];
  },
  /** The description and the callback time are the bot's own questions: typed answers never go to a person. */
  awaits: (data) => (data?.stage === 'describe' || data?.stage === 'callback' ? 'text' : null),
};
