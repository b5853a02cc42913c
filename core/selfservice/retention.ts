/**
 * @module The retention offer shown before a refusal is signed ("Save Desk", seed 001 section 9): something that
 * answers the reason the subscriber gave. Only offers the product can really deliver: a cheaper plan the account may
 * order, a technician's check of the line, or a conversation with a person. Never blocks the refusal.
 */
import type { PlanOption, RefusalReason } from '../billing/port.ts';

export type RetentionOffer =
  | { kind: 'cheaperPlan'; planId: string; name: string; monthlyFeeTiyn: number; downKbps: number }
  | { kind: 'faultCheck' }
  | { kind: 'talkToPerson' };

/**
 * The offer for this reason, or null when there is nothing honest to offer.
 * @example retentionOffer('tariff_dissatisfaction', plans) // { kind: 'cheaperPlan', planId: 'megaline-start', ... }
 */
export function retentionOffer(reason: RefusalReason, plans: PlanOption[]): RetentionOffer | null {
  switch (reason) {
    case 'tariff_dissatisfaction':
    case 'financial_difficulties': {
      const current = plans.find((p) => p.current);
      if (!current) return null;
      const cheaper = plans
        .filter((p) => !p.current && p.unavailableReason === null && p.monthlyFeeTiyn < current.monthlyFeeTiyn)
        .sort((a, b) => b.monthlyFeeTiyn - a.monthlyFeeTiyn)[0];
      return cheaper
        ? { kind: 'cheaperPlan', planId: cheaper.planId, name: cheaper.name, monthlyFeeTiyn: cheaper.monthlyFeeTiyn, downKbps: cheaper.downKbps }
        : null;
    }
    case 'low_service_quality':
      return { kind: 'faultCheck' };
    case 'low_customer_service':
      return { kind: 'talkToPerson' };
    default:
      return null;
  }
}
