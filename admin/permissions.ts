/**
 * @module The console's permission table (seed 003 cl. 32–34, 36): one permission per action, and which roles hold
 * it. Every console route declares what it needs with `requires()` (admin/guard.ts); test/admin/permissions.test.ts
 * walks every route of the app against this table, so a route without a declaration fails the build.
 */
import type { Role } from '../core/users/model.ts';

export const PERMISSIONS = [
  /** See the queues, the live list and a ticket with its transcript. */
  'tickets.view',
  /** Take a ticket, reply to the subscriber, resolve, close, hand the chat back to the bot. */
  'tickets.work',
  /** Pass a ticket to the second line (seed 003 cl. 5). */
  'tickets.escalate',
  /** Record the outcome of the second line's callback (seed 003 cl. 5). */
  'tickets.callback',
  /** Assign a ticket to another agent. */
  'tickets.assign',
  /** Rate an agent's handling of a ticket on the quality criteria (seed 003 cl. 34). */
  'tickets.rate',
  /** Acknowledge an escalation: a breached ticket moved to the supervisors (STYLE 12). */
  'tickets.escalations',
  /** See the subscriber card: personal accounts, statuses, balance. */
  'subscribers.view',
  /** Create users, change roles, deactivate, reset passwords (seed 003 cl. 36). */
  'users.manage',
  /** Browse and filter the audit log. */
  'audit.view',
  /** Read the SMS outbox (SMS_PROVIDER=outbox) and the SMS delivery log. */
  'sms.view',
  /** See channel status and the web-chat embed snippet. */
  'channels.view',
  /** Link WhatsApp (scan the QR code), see its connection, log it out and re-link it. */
  'whatsapp.manage',
  /** Edit the SLA policy: callback minutes, clock, escalation delay, business hours and holidays (seed 003 cl. 4–5). */
  'settings.sla',
  /** See survey campaigns, questionnaires, call-list reports and the quota counter (seed 003 cl. 10). */
  'campaigns.view',
  /** Create and edit questionnaires and campaigns, import call lists, launch, pause and finish campaigns. */
  'campaigns.manage',
  /** Assign agents to a campaign's calling screen. */
  'campaigns.assign',
  /** Work the calling screen of the campaigns one is assigned to. */
  'campaigns.call',
  /** Keep the do-not-call list (contract cl. 32(21)). */
  'campaigns.do_not_call',
  /** Set the quota of effective calls: cap, contract period, stop or notify (seed 003 cl. 10). */
  'campaigns.quota',
  /** Set one's own work status in the top bar: ready, not ready (with a reason), break, lunch, offline (seed 003 cl. 32). */
  'status.own',
  /** Watch the supervisor's live view (seed 003 cl. 13: the customer may ask for it too). */
  'live.view',
  /** Force an agent to "ready" or offline (seed 003 cl. 33). */
  'agents.force',
  /** Read the monthly reports and download them (seed 003 cl. 28–29, 33). */
  'reports.view',
  /** Generate a month's report again (the same records give the same numbers). */
  'reports.generate',
  /** Edit the list of "not ready" reasons (seed 003 cl. 36). */
  'settings.statuses',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** What a route needs: a permission, any signed-in user, or nothing (sign-in page, static files). */
export type Access = Permission | 'signed_in' | 'public';

const AGENT: Permission[] = ['tickets.view', 'tickets.work', 'tickets.escalate', 'subscribers.view', 'campaigns.call', 'status.own'];
const SECOND_LINE: Permission[] = ['tickets.view', 'tickets.work', 'tickets.callback', 'subscribers.view', 'campaigns.call', 'status.own'];
const SUPERVISOR: Permission[] = [...new Set([
  ...AGENT, ...SECOND_LINE, 'tickets.assign', 'tickets.rate', 'tickets.escalations', 'campaigns.view', 'campaigns.assign', 'campaigns.do_not_call',
  'live.view', 'agents.force', 'reports.view', 'reports.generate',
] as Permission[])];
/** Marketing runs the survey campaigns (PRODUCT.md "Who uses it"); supervisors assign the agents who call. */
const MARKETING: Permission[] = ['campaigns.view', 'campaigns.manage', 'campaigns.do_not_call'];

/** The customer's observer (seed 003 cl. 13): the supervisor's live view and the reports, read-only, nothing else. */
const OBSERVER: Permission[] = ['live.view', 'reports.view'];

/** Role → permissions. The administrator can do everything a supervisor can, plus configure (seed 003 cl. 36). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  agent: AGENT,
  second_line: SECOND_LINE,
  supervisor: SUPERVISOR,
  marketing: MARKETING,
  observer: OBSERVER,
  admin: PERMISSIONS,
};

/** The union of the permissions of `roles`. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
}

/**
 * True when a user with `roles` may use a route that needs `access`.
 * @example allows(['agent'], 'users.manage') // false
 */
export function allows(roles: readonly Role[] | null, access: Access): boolean {
  if (access === 'public') return true;
  if (!roles) return false;
  if (access === 'signed_in') return true;
  return permissionsOf(roles).has(access);
}
