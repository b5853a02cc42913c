/** @module The embedded SQLite store: the zero-set-up default. */
import { join } from 'node:path';
import type { Store } from '../store.ts';
import { openDatabase, type Db } from './database.ts';
import { durable, groupCommitting } from './group-commit.ts';
import { flushWalAhead } from './wal-flush.ts';
import { sqliteAccounts, sqliteChats, sqliteSubscribers } from './people.ts';
import { sqliteAudit, sqliteConsoleSessions, sqliteUsers } from './console.ts';
import { sqliteDedupe, sqliteDialogs, sqliteJobs, sqliteLeases, sqliteSettings } from './machinery.ts';
import { sqliteApplications, sqliteOtp, sqliteSmsOutbox } from './verification.ts';
import { sqliteTicketMessages, sqliteTickets } from './tickets.ts';
import { sqliteConversationMessages, sqliteEscalations } from './conversations.ts';
import { sqlitePayments } from './payments.ts';
import { sqliteBilling, sqliteOutages } from './billing.ts';
import { sqliteThrottle } from './throttle.ts';
import { sqliteWebChatMessages, sqliteWebChatSessions } from './webchat.ts';
import { sqliteEventFeed, sqliteOutbox } from './outbox.ts';
import { sqliteCampaigns, sqliteDoNotCall, sqliteQuestionnaires } from './campaigns.ts';
import { sqliteCampaignContacts } from './campaign-contacts.ts';
import { sqliteCallListImports } from './call-list-imports.ts';
import { sqliteAgentStatuses, sqliteChatContacts, sqliteMonthlyReports, sqliteReportTickets } from './reports.ts';
import { sqliteSurveyDeliveries, sqliteSurveyOptOuts } from './survey-deliveries.ts';
import { sqliteInstalments } from './instalments.ts';
import { sqliteRetention } from './retention.ts';

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  /** The raw database, for benchmarks and the export command only. */
  readonly db: Db;
}

/** Opens the store in `dataDir/store.db`, or in memory when `dataDir` is ':memory:'. */
export function openSqliteStore(dataDir: string): SqliteStore {
  const file = dataDir === ':memory:' ? ':memory:' : join(dataDir, 'store.db');
  const db = openDatabase(file);
  const ping = db.prepare('SELECT 1').pluck();
  // Every repository writes through one group commit (group-commit.ts): one transaction per turn, not per write.
  const gc = groupCommitting(db);
  // The WAL synced in the background, so a checkpoint does not hold up the event loop to sync it (wal-flush.ts).
  const walFlush = file === ':memory:' ? null : flushWalAhead(`${file}-wal`, () => gc.writes);
  const g = gc.db;
  const store: SqliteStore = {
    kind: 'sqlite',
    db,
    subscribers: durable(sqliteSubscribers(g), gc),
    accounts: durable(sqliteAccounts(g), gc),
    chats: durable(sqliteChats(g), gc, ['touch']),
    dialogs: durable(sqliteDialogs(g), gc),
    users: durable(sqliteUsers(g), gc),
    consoleSessions: durable(sqliteConsoleSessions(g), gc),
    audit: durable(sqliteAudit(g), gc),
    jobs: durable(sqliteJobs(g), gc),
    leases: durable(sqliteLeases(g), gc),
    dedupe: durable(sqliteDedupe(g), gc, ['firstTime']),
    settings: durable(sqliteSettings(g), gc),
    payments: durable(sqlitePayments(g), gc),
    otp: durable(sqliteOtp(g), gc),
    smsOutbox: durable(sqliteSmsOutbox(g), gc),
    applications: durable(sqliteApplications(g), gc),
    tickets: durable(sqliteTickets(g), gc),
    ticketMessages: durable(sqliteTicketMessages(g), gc),
    conversationMessages: durable(sqliteConversationMessages(g), gc),
    escalations: durable(sqliteEscalations(g), gc),
    billing: durable(sqliteBilling(g), gc),
    outages: durable(sqliteOutages(g), gc),
    throttle: durable(sqliteThrottle(g), gc),
    webchatSessions: durable(sqliteWebChatSessions(g), gc),
    webchatMessages: durable(sqliteWebChatMessages(g), gc),
    outbox: durable(sqliteOutbox(g), gc),
    eventFeed: durable(sqliteEventFeed(g), gc),
    questionnaires: durable(sqliteQuestionnaires(g), gc),
    campaigns: durable(sqliteCampaigns(g), gc),
    campaignContacts: durable(sqliteCampaignContacts(g), gc),
    callListImports: durable(sqliteCallListImports(g), gc),
    doNotCall: durable(sqliteDoNotCall(g), gc),
    chatContacts: durable(sqliteChatContacts(g), gc),
    agentStatuses: durable(sqliteAgentStatuses(g), gc),
    monthlyReports: durable(sqliteMonthlyReports(g), gc),
    reportTickets: durable(sqliteReportTickets(g), gc),
    surveyDeliveries: durable(sqliteSurveyDeliveries(g), gc),
    surveyOptOuts: durable(sqliteSurveyOptOuts(g), gc),
    instalments: durable(sqliteInstalments(g), gc),
    retention: durable(sqliteRetention(g), gc),
    async ping() {
      ping.get();
    },
    async close() {
      if (!db.open) return;
      gc.flush();
      db.close();
      await walFlush?.stop();
    },
  };
  // Setting up the repositories read the database: that read transaction ends now, not at the end of the turn.
  gc.flush();
  return store;
}
