/**
 * @module Turning a signed written application (cl. 3, 9(4), 9(5): a correct fresh one-time code = a written
 * application) into the order billing carries out. The order is built from what was signed — the application's
 * payload — never from what a dialog remembers, and only for an account of the subscriber who signed it.
 * A refusal (App. 4) and an instalment request (cl. 12 para 3) also open a back-office ticket.
 */
import type { BillingPort, PlanChangeOrder, RefusalOrder, RefusalOrderInput, RefusalReason, Result } from '../billing/port.ts';
import { REFUSAL_REASONS } from '../billing/port.ts';
import type { Logger } from '../logging/logger.ts';
import type { PersonalAccount } from '../accounts/model.ts';
import type { Application } from '../applications/model.ts';
import type { Language } from '../i18n/model.ts';
import type { NewTicket, Ticket } from '../tickets/index.ts';
import type { InstalmentAgreement } from '../instalments/model.ts';
import { requestAgreement } from '../instalments/agreements.ts';
import type { SelfServiceRepositories } from './repository.ts';

export interface OrderDeps {
  store: SelfServiceRepositories;
  billing: BillingPort;
  logger: Logger;
  /** Opens a back-office ticket (core/tickets `register`). */
  openTicket: (input: NewTicket) => Promise<Ticket>;
}

/** How the subscriber will hand back the operator's equipment (cl. 32(10)); recorded for the back office. */
export const EQUIPMENT_RETURN_OPTIONS = ['office', 'courier'] as const;
export type EquipmentReturnOption = (typeof EQUIPMENT_RETURN_OPTIONS)[number];

/** What a signed refusal application carries (the dialog puts exactly this into the quote it asks to sign). */
export interface RefusalPayload {
  accountNumber: string;
  services: string[];
  terminationDate?: string;
  reason: RefusalReason;
  reasonText?: string;
  refundTo?: RefusalOrderInput['refundTo'];
  equipmentReturn?: EquipmentReturnOption;
  quoteId: string;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** The account named in the payload, if it belongs to whoever signed. */
async function ownAccount(deps: OrderDeps, application: Application): Promise<Result<PersonalAccount>> {
  const number = text(application.payload.accountNumber);
  const account = number ? await deps.store.accounts.findByNumber(number) : null;
  if (!account || account.subscriberId !== application.subscriberId) return { ok: false, reason: 'selfservice:error.notYourAccount' };
  return { ok: true, value: account };
}

async function language(deps: OrderDeps, application: Application): Promise<Language> {
  return (await deps.store.chats.get(application.chatKey))?.language ?? 'ru';
}

/**
 * Orders the plan change a signed `plan_change` application agreed to (cl. 9; quote id pins the exact terms).
 * @example await orderSignedPlanChange(deps, application) // { ok: true, value: { orderId, quote, applied } }
 */
export async function orderSignedPlanChange(deps: OrderDeps, application: Application): Promise<Result<PlanChangeOrder>> {
  if (application.kind !== 'plan_change') return { ok: false, reason: 'selfservice:error.wrongApplication' };
  const account = await ownAccount(deps, application);
  if (!account.ok) return account;
  const toPlanId = text(application.payload.toPlanId);
  const quoteId = text(application.payload.quoteId);
  if (!toPlanId || !quoteId) return { ok: false, reason: 'selfservice:error.wrongApplication' };
  const order = await deps.billing.orderPlanChange({ accountNumber: account.value.number, toPlanId, quoteId, applicationId: application.id });
  deps.logger.info({ applicationId: application.id, ok: order.ok }, 'plan change ordered from a signed application');
  return order;
}

/** Reads a refusal payload back, or null when it is not one. */
export function readRefusalPayload(payload: Record<string, unknown>): RefusalPayload | null {
  const accountNumber = text(payload.accountNumber);
  const quoteId = text(payload.quoteId);
  const reason = payload.reason as RefusalReason;
  const services = Array.isArray(payload.services) ? payload.services.filter((s): s is string => typeof s === 'string') : [];
  if (!accountNumber || !quoteId || !REFUSAL_REASONS.includes(reason) || services.length === 0) return null;
  const refund = payload.refundTo as RefusalPayload['refundTo'];
  const equipment = payload.equipmentReturn as EquipmentReturnOption | undefined;
  return {
    accountNumber, services, reason, quoteId,
    terminationDate: text(payload.terminationDate) ?? undefined,
    reasonText: text(payload.reasonText) ?? undefined,
    refundTo: refund && (refund.kind === 'offset' || (refund.kind === 'bank' && text(refund.iban))) ? refund : undefined,
    equipmentReturn: equipment && EQUIPMENT_RETURN_OPTIONS.includes(equipment) ? equipment : undefined,
  };
}

/**
 * Registers the refusal a signed `refusal` application agreed to (App. 4, cl. 13, 32(14)) and opens a back-office
 * ticket carrying the application, so people handle equipment return, the final settlement and the refund.
 */
export async function orderSignedRefusal(deps: OrderDeps, application: Application): Promise<Result<{ order: RefusalOrder; ticket: Ticket }>> {
  if (application.kind !== 'refusal') return { ok: false, reason: 'selfservice:error.wrongApplication' };
  const account = await ownAccount(deps, application);
  if (!account.ok) return account;
  const payload = readRefusalPayload(application.payload);
  if (!payload) return { ok: false, reason: 'selfservice:error.wrongApplication' };
  const order = await deps.billing.orderRefusal({
    accountNumber: account.value.number, services: payload.services, terminationDate: payload.terminationDate,
    reason: payload.reason, reasonText: payload.reasonText, refundTo: payload.refundTo, quoteId: payload.quoteId,
    applicationId: application.id,
  });
  if (!order.ok) return order;
  const ticket = await deps.openTicket({
    type: 'reference', channel: application.channel, language: await language(deps, application),
    subscriberId: application.subscriberId, accountId: account.value.id, chatKey: application.chatKey,
    region: account.value.region, service: payload.services.join(', '), topic: 'refusal',
    comment: `Application ${application.id}, order ${order.value.orderId}; equipment return: ${payload.equipmentReturn ?? 'none'}.\n${application.quote}`,
    actor: { type: 'subscriber', id: application.subscriberId },
  });
  deps.logger.info({ applicationId: application.id, ticketId: ticket.id }, 'refusal ordered from a signed application');
  return { ok: true, value: { order: order.value, ticket } };
}

/**
 * Records a signed request for an instalment agreement (cl. 12 para 3: debt paid in stages, signed by SMS code) and
 * opens a back-office ticket; an agent or a supervisor concludes the agreement in the console with its schedule
 * (core/instalments). Nothing is restored until then.
 */
export async function requestInstalment(deps: OrderDeps, application: Application): Promise<Result<{ ticket: Ticket; agreement: InstalmentAgreement }>> {
  if (application.kind !== 'instalment') return { ok: false, reason: 'selfservice:error.wrongApplication' };
  const account = await ownAccount(deps, application);
  if (!account.ok) return account;
  const agreement = await requestAgreement({ store: deps.store, logger: deps.logger, clock: { now: () => application.signedAt } }, application, account.value);
  if (!agreement.ok) return agreement;
  const ticket = await deps.openTicket({
    type: 'reference', channel: application.channel, language: await language(deps, application),
    subscriberId: application.subscriberId, accountId: account.value.id, chatKey: application.chatKey,
    region: account.value.region, topic: 'instalment',
    comment: `Application ${application.id}, instalment agreement ${agreement.value.id}.\n${application.quote}`,
    actor: { type: 'subscriber', id: application.subscriberId },
  });
  deps.logger.info({ applicationId: application.id, ticketId: ticket.id }, 'instalment request recorded');
  return { ok: true, value: { ticket, agreement: agreement.value } };
}
