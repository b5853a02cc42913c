/** @module The repositories the reports module is given, taken from the Store aggregate (composition roots use it). */
import type { ReportDeps } from '../reports/index.ts';
import type { Store } from './store.ts';

export type ReportPorts = Pick<ReportDeps, 'chatContacts' | 'agentStatuses' | 'monthlyReports' | 'reportTickets' | 'tickets' | 'settings' | 'audit' | 'jobs'>;

export function reportPorts(store: Store): ReportPorts {
  return {
    chatContacts: store.chatContacts, agentStatuses: store.agentStatuses, monthlyReports: store.monthlyReports,
    reportTickets: store.reportTickets, tickets: store.tickets, settings: store.settings, audit: store.audit, jobs: store.jobs,
  };
}
