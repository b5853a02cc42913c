/**
 * @module Whose side a fault is on (cl. 40: the maintenance demarcation boundary) and what follows from it
 * (cl. 31(3): operator-caused faults are repaired free within the established term; subscriber-caused ones for a
 * fee per the price list; cl. 31(5): only the operator's zone earns a recalculation).
 */

/** Where the fault was found, relative to the demarcation boundary. */
export type FaultLocation =
  | 'operator_network' // beyond the boundary: exchange, cable, data node (cl. 31(9))
  | 'operator_equipment_at_premises' // operator equipment handed over for use (App. 3), failed by itself
  | 'subscriber_wiring' // inside the premises, up to the boundary (cl. 40)
  | 'subscriber_equipment'; // the subscriber's own terminal, router, computer (cl. 32(2), 32(6))

export interface FaultCause {
  location: FaultLocation;
  /** The subscriber damaged it or changed its settings (cl. 32(15), 32(19)). */
  causedBySubscriber: boolean;
}

export interface ResponsibilityDecision {
  zone: 'operator' | 'subscriber';
  /** cl. 31(3): repair at the subscriber's expense. */
  paidRepair: boolean;
  /** cl. 31(5): the downtime is recalculated. */
  recalculation: boolean;
}

/**
 * @example responsibilityZone({ location: 'operator_network', causedBySubscriber: false })
 *   // { zone: 'operator', paidRepair: false, recalculation: true }
 */
export function responsibilityZone(cause: FaultCause): ResponsibilityDecision {
  const operatorSide = cause.location === 'operator_network' || cause.location === 'operator_equipment_at_premises';
  if (operatorSide && !cause.causedBySubscriber) return { zone: 'operator', paidRepair: false, recalculation: true };
  return { zone: 'subscriber', paidRepair: true, recalculation: false };
}
