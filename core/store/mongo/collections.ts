/**
 * @module Every collection of the MongoDB store, in one list: the store builds their indexes at open, and the
 * export/import command walks it to move data table by table. A collection missing here is a collection the
 * transfer refuses to guess about.
 */
import type { CollectionSpec } from './collection.ts';
import { accountsSpec, chatsSpec, subscribersSpec } from './people.ts';
import { auditSpec, consoleSessionsSpec, usersSpec } from './console.ts';
import { dedupeSpec, dialogsSpec, jobsSpec, leasesSpec, settingsSpec } from './machinery.ts';
import { applicationsSpec } from './applications.ts';
import { otpLocksSpec, otpSpec, smsSpec } from './verification.ts';
import { paymentsSpec } from './payments.ts';
import { breachesSpec, historySpec, messagesSpec, ratingsSpec, slaSpec, ticketsSpec } from './tickets.ts';
import {
  equipmentSpec, invoicesSpec, ledgerPaymentsSpec, outagesSpec, planChangesSpec, plansSpec, refusalsSpec, restorationsSpec,
  trafficSpec,
} from './billing.ts';
import { countersSpec } from './counters.ts';
import { conversationMessagesSpec, escalationsSpec } from './conversations.ts';
import { throttleSpec } from './throttle.ts';
import { feedSpec, outboxSpec } from './outbox.ts';
import { webchatMessagesSpec, webchatSessionsSpec } from './webchat.ts';
import { instalmentsSpec } from './instalments.ts';
import { campaignsSpec, doNotCallSpec, questionnairesSpec } from './campaigns.ts';
import { attemptsSpec, contactsSpec, quotaAlertsSpec, quotaSpec, responsesSpec } from './campaign-contacts.ts';
import { chunksSpec, importsSpec, issuesSpec } from './call-list-imports.ts';
import { chatContactsSpec, monthlyReportsSpec, statusSpansSpec } from './reports.ts';
import { deliveriesSpec, optOutsSpec } from './survey-deliveries.ts';

export const COLLECTIONS: readonly CollectionSpec[] = [
  // foundation
  subscribersSpec, accountsSpec, chatsSpec, dialogsSpec, usersSpec, consoleSessionsSpec, auditSpec, jobsSpec, leasesSpec,
  dedupeSpec, settingsSpec, countersSpec,
  // billing ledger and outages
  plansSpec, invoicesSpec, ledgerPaymentsSpec, equipmentSpec, trafficSpec, restorationsSpec, planChangesSpec, refusalsSpec,
  outagesSpec, instalmentsSpec,
  // verification, SMS, signed applications
  otpSpec, otpLocksSpec, smsSpec, applicationsSpec, throttleSpec,
  // tickets and SLA, escalations, the conversation log
  ticketsSpec, historySpec, messagesSpec, slaSpec, breachesSpec, ratingsSpec, escalationsSpec, conversationMessagesSpec,
  // payments
  paymentsSpec,
  // channels, and what several instances share
  webchatSessionsSpec, webchatMessagesSpec, outboxSpec, feedSpec,
  // survey campaigns
  questionnairesSpec, campaignsSpec, contactsSpec, attemptsSpec, responsesSpec, quotaSpec, quotaAlertsSpec, doNotCallSpec,
  importsSpec, chunksSpec, issuesSpec, deliveriesSpec, optOutsSpec,
  // reports: contacts, agents' statuses, stored monthly reports
  chatContactsSpec, statusSpansSpec, monthlyReportsSpec,
];

/** The spec whose SQLite table is `table`, or null. */
export function specForTable(table: string): CollectionSpec | null {
  return COLLECTIONS.find((c) => c.table === table) ?? null;
}
