/**
 * @module The SLA policy in force: defaults from configuration (`SLA_CALLBACK_MINUTES`, `SLA_CLOCK`,
 * `ESCALATE_AFTER_MINUTES`) and the default business calendar, overridden by what an administrator saved in the
 * console (setting `sla.policy`). Deadlines are computed here from a policy and a registration time.
 */
import type { Config } from '../config/config.ts';
import type { TicketType } from '../tickets/model.ts';
import { addWorkingMinutes, DEFAULT_CALENDAR } from './calendar.ts';
import type { SlaClock, SlaPolicy, TicketSla, WorkingCalendar } from './model.ts';
import type { SlaRepositories } from './repository.ts';

/** The settings key under which the console stores policy overrides. */
export const SLA_POLICY_SETTING = 'sla.policy';

type PolicyConfig = Pick<Config, 'SLA_CALLBACK_MINUTES' | 'SLA_CLOCK' | 'ESCALATE_AFTER_MINUTES'>;

/** The policy from configuration alone (seed 003 cl. 4–5 defaults). */
export function defaultSlaPolicy(config: PolicyConfig): SlaPolicy {
  return {
    appliesTo: ['technical'],
    callbackMinutes: config.SLA_CALLBACK_MINUTES,
    clock: config.SLA_CLOCK,
    escalateAfterMinutes: config.ESCALATE_AFTER_MINUTES,
    calendar: DEFAULT_CALENDAR,
  };
}

/** Overrides an administrator may save; any field left out keeps the configured default. */
export type SlaPolicyOverrides = Partial<Omit<SlaPolicy, 'calendar'>> & { calendar?: Partial<WorkingCalendar> };

/** The policy in force now: configuration defaults with the console's overrides on top. */
export async function loadSlaPolicy(store: SlaRepositories, config: PolicyConfig): Promise<SlaPolicy> {
  const base = defaultSlaPolicy(config);
  const saved = await store.settings.get<SlaPolicyOverrides>(SLA_POLICY_SETTING);
  if (!saved) return base;
  return { ...base, ...saved, calendar: { ...base.calendar, ...(saved.calendar ?? {}) } };
}

/** Saves overrides (the console's SLA settings page); later tickets use them, earlier ones keep their deadline. */
export async function saveSlaPolicy(store: SlaRepositories, overrides: SlaPolicyOverrides): Promise<void> {
  await store.settings.set(SLA_POLICY_SETTING, overrides);
}

/**
 * `from` plus `minutes`, counted on the policy's clock: working hours of the calendar, or plain calendar time.
 * @example addSlaMinutes({ clock: 'calendar', calendar }, t, 120) // t + 2 h
 */
export function addSlaMinutes(policy: { clock: SlaClock; calendar: WorkingCalendar }, from: Date, minutes: number): Date {
  if (policy.clock === 'calendar') return new Date(from.getTime() + minutes * 60_000);
  return addWorkingMinutes(policy.calendar, from, minutes);
}

/** True when tickets of this type get a callback deadline. */
export const slaApplies = (policy: SlaPolicy, type: TicketType): boolean => policy.appliesTo.includes(type);

/** The callback deadline applied to a ticket registered at `registeredAt` (seed 003 cl. 5). */
export function applySla(policy: SlaPolicy, ticketId: string, registeredAt: Date): TicketSla {
  return {
    ticketId,
    callbackMinutes: policy.callbackMinutes,
    clock: policy.clock,
    startedAt: registeredAt,
    dueAt: addSlaMinutes(policy, registeredAt, policy.callbackMinutes),
    status: 'active',
    callbackAt: null,
    breachedAt: null,
  };
}
