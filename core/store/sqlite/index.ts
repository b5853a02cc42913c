/** @module The embedded SQLite store: the zero-set-up default. */
import { join } from 'node:path';
import type { Store } from '../store.ts';
import { openDatabase, type Db } from './database.ts';
import { sqliteAccounts, sqliteChats, sqliteSubscribers } from './people.ts';
import { sqliteAudit, sqliteConsoleSessions, sqliteUsers } from './console.ts';
import { sqliteDedupe, sqliteDialogs, sqliteJobs, sqliteLeases, sqliteSettings } from './machinery.ts';
import { sqliteApplications, sqliteOtp, sqliteSmsOutbox } from './verification.ts';
import { sqliteTicketMessages, sqliteTickets } from './tickets.ts';
import { sqliteConversationMessages, sqliteEscalations } from './conversations.ts';
import { sqlitePayments } from './payments.ts';
import { sqliteBilling, sqliteOutages } from './billing.ts';
import { sqliteThrottle } from './throttle.ts';
import { sqliteWebChatSessions } from './webchat.ts';
import { sqliteEventFeed, sqliteOutbox } from './outbox.ts';
import { sqliteCampaigns, sqliteDoNotCall, sqliteQuestionnaires } from './campaigns.ts';
import { sqliteCampaignContacts } from './campaign-contacts.ts';
import { sqliteCallListImports } from './call-list-imports.ts';
import { sqliteAgentStatuses, sqliteChatContacts, sqliteMonthlyReports, sqliteReportTickets } from './reports.ts';
import { sqliteSurveyDeliveries, sqliteSurveyOptOuts } from './survey-deliveries.ts';
import { sqliteInstalments } from './instalments.ts';

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** The raw database, for benchmarks and the export command only. */
  readonly db: Db;
}

/** Opens the store in `dataDir/store.db`, or in memory when `dataDir` is ':memory:'. */
export function openSqliteStore(dataDir: string): SqliteStore {
  const db = openDatabase(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'store.db'));
  const ping = db.prepare('SELECT 1').pluck();
  return {
    kind: 'sqlite',
    db,
    subscribers: sqliteSubscribers(db),
    accounts: sqliteAccounts(db),
    chats: sqliteChats(db),
    dialogs: sqliteDialogs(db),
    users: sqliteUsers(db),
    consoleSessions: sqliteConsoleSessions(db),
    audit: sqliteAudit(db),
    jobs: sqliteJobs(db),
    leases: sqliteLeases(db),
    dedupe: sqliteDedupe(db),
    settings: sqliteSettings(db),
    payments: sqlitePayments(db),
    otp: sqliteOtp(db),
    smsOutbox: sqliteSmsOutbox(db),
    applications: sqliteApplications(db),
    tickets: sqliteTickets(db),
    ticketMessages: sqliteTicketMessages(db),
    conversationMessages: sqliteConversationMessages(db),
    escalations: sqliteEscalations(db),
    billing: sqliteBilling(db),
    outages: sqliteOutages(db),
    throttle: sqliteThrottle(db),
    webchatSessions: sqliteWebChatSessions(db),
    outbox: sqliteOutbox(db),
    eventFeed: sqliteEventFeed(db),
    questionnaires: sqliteQuestionnaires(db),
    campaigns: sqliteCampaigns(db),
    campaignContacts: sqliteCampaignContacts(db),
    callListImports: sqliteCallListImports(db),
    doNotCall: sqliteDoNotCall(db),
    chatContacts: sqliteChatContacts(db),
    agentStatuses: sqliteAgentStatuses(db),
    monthlyReports: sqliteMonthlyReports(db),
    reportTickets: sqliteReportTickets(db),
    surveyDeliveries: sqliteSurveyDeliveries(db),
    surveyOptOuts: sqliteSurveyOptOuts(db),
    instalments: sqliteInstalments(db),
    async ping() {
      ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
