/**
 * @module Report a fault (PRODUCT.md journey 6): pick the account, the service and the symptom; the checks of
 * core/faults run first (disconnected for debt → pay; planned works or a known outage at the address → when it ends;
 * Megaline Hit throttled → why and until when); then a few self-help steps; then a technical ticket with its number
 * and the promised callback time in Almaty time (seed 003 cl. 5). An open ticket for the same service is shown
 * instead of opening a second one.
 */
import { explain, formatDateTime } from '../../core/billing/explain.ts';
import type { PreTicketFinding } from '../../core/faults/checks.ts';
import type { PersonalAccount } from '../../core/accounts/model.ts';
import { isInService } from '../../core/accounts/status.ts';
import { go, missed, stay, toMenu, type Dialog, type DialogContext, type Step } from '../engine/dialog.ts';
import type { Choice, OutboundMessage } from '../engine/types.ts';
import { numberText, whenText } from './ticket-text.ts';

/** Symptoms offered per service; anything else gets the generic list. */
export const SYMPTOMS: Record<string, string[]> = {
  megaline: ['no_internet', 'slow', 'drops', 'wifi'],
  phone: ['no_tone', 'noise', 'no_calls'],
  other: ['not_working'],
};

type Stage = 'account' | 'service' | 'symptom' | 'finding' | 'selfhelp';

interface FaultData {
  stage: Stage;
  accountId: string | null;
  service: string | null;
  symptom: string | null;
}

const menuChoice = (ctx: DialogContext): Choice => ({ id: 'menu', label: ctx.t('tickets:fault.to_menu'), synonyms: ['меню', 'мәзір'] });
const operatorChoice = (ctx: DialogContext): Choice => ({ id: 'operator', label: ctx.t('tickets:fault.operator'), synonyms: ['оператор'] });

async function accountsOf(ctx: DialogContext): Promise<PersonalAccount[]> {
  if (!ctx.chat.subscriberId) return [];
  const all = await ctx.services.accounts.listBySubscriber(ctx.chat.subscriberId);
  return all.filter((a) => isInService(a.status));
}

function askAccount(ctx: DialogContext, accounts: PersonalAccount[]): OutboundMessage {
  return {
    text: ctx.t('tickets:fault.ask_account'),
    choices: accounts.slice(0, ctx.capabilities.maxChoices - 1).map((a, i) => ({ id: `acc:${i}`, label: `${a.number} · ${a.address}` })),
  };
}

const serviceLabel = (ctx: DialogContext, service: string) =>
  ctx.t(`rules:service.${service}`, { defaultValue: service });

function askService(ctx: DialogContext, services: string[]): OutboundMessage {
  return { text: ctx.t('tickets:fault.ask_service'), choices: services.map((s) => ({ id: `svc:${s}`, label: serviceLabel(ctx, s) })) };
}

const symptomsFor = (service: string): string[] => SYMPTOMS[service] ?? SYMPTOMS.other!;

function askSymptom(ctx: DialogContext, service: string): OutboundMessage {
  return {
    text: ctx.t('tickets:fault.ask_symptom', { service: serviceLabel(ctx, service) }),
    choices: [...symptomsFor(service).map((s) => ({ id: `sym:${s}`, label: ctx.t(`tickets:fault.symptom.${s}`) })), menuChoice(ctx)],
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

/** The words for a check's finding, with the way forward as buttons. */
function explainFinding(ctx: DialogContext, finding: PreTicketFinding): OutboundMessage {
  switch (finding.kind) {
    case 'disconnected_for_debt':
      return {
        text: explain({ reason: finding.reason, params: { amountTiyn: finding.amountTiyn } }, ctx.language),
        choices: [{ id: 'pay', label: ctx.t('tickets:fault.pay'), synonyms: ['оплатить', 'төлеу'] }, menuChoice(ctx)],
      };
    case 'outage':
      return {
        text: ctx.t(finding.reason, { date: finding.endsAt ? formatDateTime(finding.endsAt, ctx.language) : ctx.t('rules:fault.unknownEnd') }),
        choices: [{ id: 'register', label: ctx.t('tickets:fault.register_anyway') }, menuChoice(ctx)],
      };
    case 'hit_throttled':
      return {
        text: explain({ reason: finding.reason, params: { speed: finding.downKbps, date: finding.restoresOn } }, ctx.language),
        choices: [{ id: 'plan', label: ctx.t('tickets:fault.change_plan') }, { id: 'register', label: ctx.t('tickets:fault.register_anyway') }, menuChoice(ctx)],
      };
  }
}

async function withSymptom(ctx: DialogContext, data: FaultData, symptom: string): Promise<Step> {
  const next: FaultData = { ...data, symptom };
  const account = data.accountId ? await ctx.services.accounts.get(data.accountId) : null;
  if (!account || !data.service) return toMenu([{ text: ctx.t('common:error.unexpected') }]);
  const finding = await ctx.services.faults.checkBeforeTicket(account, data.service, ctx.now);
  if (finding) return stay({ ...next, stage: 'finding' }, [explainFinding(ctx, finding)]);
  return stay({ ...next, stage: 'selfhelp' }, [selfHelp(ctx, symptom)]);
}

function selfHelp(ctx: DialogContext, symptom: string): OutboundMessage {
  return {
    text: `${ctx.t('tickets:fault.selfhelp_intro')}\n${ctx.t(`tickets:fault.selfhelp.${symptom}`)}\n\n${ctx.t('tickets:fault.selfhelp_ask')}`,
    choices: [
      { id: 'helped', label: ctx.t('tickets:fault.helped'), synonyms: ['да', 'иә', 'помогло', 'көмектесті'] },
      { id: 'register', label: ctx.t('tickets:fault.not_helped'), synonyms: ['нет', 'жоқ', 'не помогло'] },
      operatorChoice(ctx),
    ],
  };
}

async function register(ctx: DialogContext, data: FaultData): Promise<Step> {
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
    actor: { type: 'subscriber', id: ctx.chat.subscriberId },
  });
  const number = numberText(ticket);
  const say: OutboundMessage[] = [];
  if (ticket.callbackDueAt) {
    say.push({ text: ctx.t('tickets:fault.registered', { number, when: whenText(ctx.t, ticket.callbackDueAt, ctx.now) }) });
  } else {
    say.push({ text: ctx.t('tickets:fault.registered_no_due', { number }) });
  }
  say.push({ text: ctx.t('tickets:fault.track') });
  return toMenu(say);
}

export const fault: Dialog<FaultData | null> = {
  id: 'fault',
  requiresLink: true,
  async start(ctx) {
    const data: FaultData = { stage: 'account', accountId: null, service: null, symptom: null };
    const accounts = await accountsOf(ctx);
    if (accounts.length === 0) return go('handoff', { reason: 'requested' }, [{ text: ctx.t('tickets:fault.no_account') }]);
    if (accounts.length === 1) return withAccount(ctx, data, accounts[0]!);
    return stay(data, [askAccount(ctx, accounts)]);
  },
  async handle(input, data, ctx) {
    if (!data) return fault.start(ctx, undefined);
    if (input.kind === 'choice') {
      const [kind, value] = input.id.split(':');
      if (input.id === 'menu') return toMenu();
      if (input.id === 'operator') return go('handoff', { reason: 'requested' });
      if (input.id === 'pay') return go('pay');
      if (input.id === 'plan') return go('plan');
      if (input.id === 'helped') return toMenu([{ text: ctx.t('tickets:fault.glad') }]);
      if (input.id === 'register' && data.symptom) return register(ctx, data);
      if (kind === 'acc' && value !== undefined) {
        const account = (await accountsOf(ctx))[Number(value)];
        if (account) return withAccount(ctx, data, account);
      }
      if (kind === 'svc' && value) return withService(ctx, data, value);
      if (kind === 'sym' && value && data.service && symptomsFor(data.service).includes(value)) return withSymptom(ctx, data, value);
    }
    return missed(stay(data, [{ text: ctx.t('tickets:fault.pick') }, ...(fault.prompt?.(data, ctx) ?? [])]));
  },
  prompt(data, ctx) {
    if (!data) return [];
    if (data.stage === 'symptom' && data.service) return [askSymptom(ctx, data.service)];
    if (data.stage === 'selfhelp' && data.symptom) return [selfHelp(ctx, data.symptom)];
    return [{ text: ctx.t('tickets:fault.pick_again'), choices: [menuChoice(ctx), operatorChoice(ctx)] }];
  },
};
