/**
 * @module Agents' work statuses (seed 003 cl. 32: ready, not ready, break, lunch …; cl. 33: a supervisor forces
 * "ready" or disconnects; cl. 36: the administrator keeps the list of "not ready" reasons). Signing in makes an agent
 * ready and signing out offline; time in each status per agent per day comes from the spans.
 */
import { randomUUID } from 'node:crypto';
import { addDays, almatyDate, startOfDay } from '../billing/calendar.ts';
import type { Clock } from '../ports/clock.ts';
import type { SettingsRepository } from '../settings/repository.ts';
import { AGENT_STATUSES, DEFAULT_NOT_READY_REASONS, FORCEABLE_STATUSES, type AgentStatus, type AgentStatusSpan } from './model.ts';
import type { AgentStatusRepository } from './repository.ts';

export interface StatusDeps {
  agentStatuses: AgentStatusRepository;
  settings: SettingsRepository;
  clock: Clock;
}

export const NOT_READY_REASONS_SETTING = 'agents.not_ready_reasons';
export const MAX_REASONS = 20;
export const MAX_REASON_LENGTH = 60;

/** A status change's answer: done, or why not (an i18n key in `admin:`). */
export type StatusResult = { ok: true; span: AgentStatusSpan; changed: boolean } | { ok: false; reason: string };

export async function notReadyReasons(deps: Pick<StatusDeps, 'settings'>): Promise<string[]> {
  return (await deps.settings.get<string[]>(NOT_READY_REASONS_SETTING)) ?? DEFAULT_NOT_READY_REASONS;
}

/** Parses the administrator's list (one reason a line); the problem is an i18n key. */
export function parseReasons(text: string): { ok: true; value: string[] } | { ok: false; reason: string } {
  const lines = [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
  if (lines.length === 0) return { ok: false, reason: 'reports:status.error.empty' };
  if (lines.length > MAX_REASONS) return { ok: false, reason: 'reports:status.error.too_many' };
  if (lines.some((l) => l.length > MAX_REASON_LENGTH)) return { ok: false, reason: 'reports:status.error.too_long' };
  return { ok: true, value: lines };
}

export async function saveReasons(deps: Pick<StatusDeps, 'settings'>, reasons: string[]): Promise<void> {
  await deps.settings.set(NOT_READY_REASONS_SETTING, reasons);
}

/**
 * Sets the user's status. "Not ready" needs one of the administrator's reasons; the same status and reason again
 * changes nothing. `by` is who did it (the agent, a supervisor, or null for the system).
 */
export async function setStatus(
  deps: StatusDeps, userId: string, status: AgentStatus, reason: string | null, by: string | null,
): Promise<StatusResult> {
  if (!(AGENT_STATUSES as readonly string[]).includes(status)) return { ok: false, reason: 'reports:status.error.unknown' };
  const why = status === 'not_ready' ? reason?.trim() || null : null;
  if (status === 'not_ready' && (!why || !(await notReadyReasons(deps)).includes(why))) return { ok: false, reason: 'reports:status.error.reason' };
  const current = await deps.agentStatuses.current(userId);
  if (current && current.status === status && current.reason === why) return { ok: true, span: current, changed: false };
  const span: AgentStatusSpan = { id: randomUUID(), userId, status, reason: why, since: deps.clock.now(), until: null, setBy: by };
  await deps.agentStatuses.set(span);
  return { ok: true, span, changed: true };
}

/** A supervisor forces an agent to "ready" or offline (cl. 33). */
export async function forceStatus(deps: StatusDeps, userId: string, status: AgentStatus, supervisorId: string): Promise<StatusResult> {
  if (!FORCEABLE_STATUSES.includes(status)) return { ok: false, reason: 'reports:status.error.not_forceable' };
  return setStatus(deps, userId, status, null, supervisorId);
}

/**
 * Whether new work is offered to the user: only to agents who are ready. A user with no recorded status (never
 * signed in since statuses exist) is treated as ready, so nobody is silently cut off by an upgrade.
 */
export async function offeredWork(deps: Pick<StatusDeps, 'agentStatuses'>, userId: string): Promise<boolean> {
  const current = await deps.agentStatuses.current(userId);
  return !current || current.status === 'ready';
}

export type StatusTotals = Record<AgentStatus, number>;

const emptyTotals = (): StatusTotals => ({ ready: 0, not_ready: 0, break: 0, lunch: 0, offline: 0 });

/**
 * Milliseconds each user spent in each status on each Almaty day of `[from, to)` (dates `YYYY-MM-DD`), up to `now`.
 * Returns user → date → totals.
 */
export function timeInStatus(spans: readonly AgentStatusSpan[], from: string, to: string, now: Date): Map<string, Map<string, StatusTotals>> {
  const out = new Map<string, Map<string, StatusTotals>>();
  for (const s of spans) {
    const end = Math.min(s.until?.getTime() ?? now.getTime(), now.getTime());
    for (let day = from; day < to; day = addDays(day, 1)) {
      const a = Math.max(s.since.getTime(), startOfDay(day).getTime());
      const b = Math.min(end, startOfDay(addDays(day, 1)).getTime());
      if (b <= a) continue;
      const days = out.get(s.userId) ?? new Map<string, StatusTotals>();
      const totals = days.get(day) ?? emptyTotals();
      totals[s.status] += b - a;
      days.set(day, totals);
      out.set(s.userId, days);
    }
  }
  return out;
}

/** Today's Almaty date, for the status page. */
export const today = (clock: Clock): string => almatyDate(clock.now());
