/** @module SLA: the business calendar (seed 003 cl. 4), the callback policy (cl. 5) and its models. */
export * from './model.ts';
export {
  addWorkingMinutes, ALMATY_OFFSET_MINUTES, DEFAULT_CALENDAR, hoursOn, isRestDay, isWorkingTime, localParts, nextOpening,
  type LocalParts,
} from './calendar.ts';
export { KAZAKHSTAN_HOLIDAYS } from './holidays.ts';
export {
  addSlaMinutes, applySla, defaultSlaPolicy, loadSlaPolicy, saveSlaPolicy, SLA_POLICY_SETTING, slaApplies,
  type SlaPolicyOverrides,
} from './policy.ts';
