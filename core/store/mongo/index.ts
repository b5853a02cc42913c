/**
 * @module The MongoDB store (mongoose), for several instances sharing one database. Switching to it is
 * configuration only (`STORE=mongo`, `MONGODB_URI`). Needs a replica set: the few operations SQLite does in one
 * transaction across tables (ticket create and change) are mongoose transactions here; everything else that must
 * be decided once across instances (job claims, leases, dedupe, versions, counters) is one conditional write.
 *
 * Where it deliberately differs from the SQLite store (the contract suite allows each):
 * - TTL indexes purge what has stopped mattering: console sessions a day after expiry, one-time-code challenges a
 *   week after, seen update ids after 90 days (SQLite keeps them). Reads never rely on the purge.
 * - Sequence numbers (ticket numbers, insertion order) are taken before a transaction, so a failed create leaves a
 *   gap where SQLite would roll the number back.
 * - E-mail keys are lower-cased with JavaScript's Unicode rules; SQLite's NOCASE folds ASCII letters only.
 * - A new one-time-code challenge is inserted, then closes the older open ones (no transaction): of racing creates
 *   the newest stays open, as in SQLite; a crash in between leaves an older one open that the newest outranks.
 */
import type { Connection } from 'mongoose';
import type { Store } from '../store.ts';
import { modelFor } from './collection.ts';
import { COLLECTIONS } from './collections.ts';
import { StoreSetupError } from '../../errors.ts';
import { connect, type MongoConnectOptions } from './connection.ts';
import { mongoAccounts, mongoChats, mongoSubscribers } from './people.ts';
import { mongoAudit, mongoConsoleSessions, mongoUsers } from './console.ts';
import { mongoDedupe, mongoDialogs, mongoJobs, mongoLeases, mongoSettings } from './machinery.ts';
import { mongoApplications } from './applications.ts';
import { mongoOtp, mongoSmsOutbox } from './verification.ts';
import { mongoPayments } from './payments.ts';
import { mongoTicketMessages, mongoTickets } from './tickets.ts';
import { mongoBilling, mongoOutages } from './billing.ts';
import { mongoConversationMessages, mongoEscalations } from './conversations.ts';
import { mongoThrottle } from './throttle.ts';
import { mongoEventFeed, mongoOutbox } from './outbox.ts';
import { mongoInstalments } from './instalments.ts';
import { mongoRetention } from './retention.ts';
import { mongoWebChatMessages, mongoWebChatSessions } from './webchat.ts';
import { mongoCampaigns, mongoDoNotCall, mongoQuestionnaires } from './campaigns.ts';
import { mongoCampaignContacts } from './campaign-contacts.ts';
import { mongoSurveyDeliveries, mongoSurveyOptOuts } from './survey-deliveries.ts';
import { mongoCallListImports } from './call-list-imports.ts';
import { mongoAgentStatuses, mongoChatContacts, mongoMonthlyReports, mongoReportTickets } from './reports.ts';

export interface MongoStore extends Store {
  readonly kind: 'mongo';
  /** The mongoose connection, for the export/import command and tests only. */
  readonly connection: Connection;
}

/**
 * Connects, creates every collection and builds its indexes (waiting for them, so unique and partial indexes are in
 * place before the first write), and returns the store.
 * @example const store = await openMongoStore('mongodb://db1,db2,db3/kt?replicaSet=rs0')
 */
export async function openMongoStore(uri: string, options: MongoConnectOptions = {}): Promise<MongoStore> {
  const conn = await connect(uri, options);
  try {
    if (options.requireReplicaSet !== false) await assertReplicaSet(conn);
    await prepareCollections(conn);
  } catch (err) {
    await conn.close().catch(() => {});
    throw err;
  }
  return {
    kind: 'mongo',
    connection: conn,
    ...mongoRepositories(conn),
    async ping() {
      await conn.db!.command({ ping: 1 });
    },
    async close() {
      await conn.close();
    },
  };
}

export type MongoRepositories = Omit<Store, 'kind' | 'ping' | 'close'>;

/**
 * Every repository of the port over one connection. Building them needs no server (models compile offline), which
 * lets a test check that the MongoDB store implements every repository the SQLite store has.
 */
export function mongoRepositories(conn: Connection): MongoRepositories {
  return {
    subscribers: mongoSubscribers(conn),
    accounts: mongoAccounts(conn),
    chats: mongoChats(conn),
    dialogs: mongoDialogs(conn),
    users: mongoUsers(conn),
    consoleSessions: mongoConsoleSessions(conn),
    audit: mongoAudit(conn),
    jobs: mongoJobs(conn),
    leases: mongoLeases(conn),
    dedupe: mongoDedupe(conn),
    settings: mongoSettings(conn),
    payments: mongoPayments(conn),
    otp: mongoOtp(conn),
    smsOutbox: mongoSmsOutbox(conn),
    applications: mongoApplications(conn),
    tickets: mongoTickets(conn),
    ticketMessages: mongoTicketMessages(conn),
    billing: mongoBilling(conn),
    outages: mongoOutages(conn),
    throttle: mongoThrottle(conn),
    webchatSessions: mongoWebChatSessions(conn),
    webchatMessages: mongoWebChatMessages(conn),
    outbox: mongoOutbox(conn),
    eventFeed: mongoEventFeed(conn),
    conversationMessages: mongoConversationMessages(conn),
    escalations: mongoEscalations(conn),
    questionnaires: mongoQuestionnaires(conn),
    campaigns: mongoCampaigns(conn),
    campaignContacts: mongoCampaignContacts(conn),
    callListImports: mongoCallListImports(conn),
    doNotCall: mongoDoNotCall(conn),
    chatContacts: mongoChatContacts(conn),
    agentStatuses: mongoAgentStatuses(conn),
    monthlyReports: mongoMonthlyReports(conn),
    reportTickets: mongoReportTickets(conn),
    surveyDeliveries: mongoSurveyDeliveries(conn),
    surveyOptOuts: mongoSurveyOptOuts(conn),
    instalments: mongoInstalments(conn),
    retention: mongoRetention(conn),
  };
}

/**
 * Refuses a standalone server at start: ticket create and change are transactions, which MongoDB runs only on a
 * replica set (one node is enough) or through mongos. Better a clear message now than a failure at the first ticket.
 */
async function assertReplicaSet(conn: Connection): Promise<void> {
  const hello = await conn.db!.admin().command({ hello: 1 });
  if (hello.setName || hello.msg === 'isdbgrid') return;
  throw new StoreSetupError(
    'MongoDB at MONGODB_URI is a standalone server; the store needs a replica set for transactions. ' +
    'Start mongod with --replSet rs0 and run rs.initiate() once (a single node is enough), then add ?replicaSet=rs0 to the URI.',
  );
}

/**
 * Creates the collections (transactions cannot create them on older servers) and builds the schemas' indexes.
 * `createIndexes` never drops an index; an index whose options changed makes it fail loudly (IndexOptionsConflict).
 */
async function prepareCollections(conn: Connection): Promise<void> {
  for (const spec of COLLECTIONS) {
    const model = modelFor(conn, spec);
    await model.init();
    await model.createIndexes();
  }
}
