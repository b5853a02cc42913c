/**
 * @module Numbered SQLite migrations, applied in order at start. Number ranges by module, so modules never
 * collide: 1–9 foundation, 10–19 billing, 20–29 verification and SMS, 30–39 tickets and SLA,
 * 40–49 console, 50–59 payments and applications, 60–69 campaigns, 70–79 channels, 80–89 reports.
 * A migration, once released, is never edited: add a new one.
 */
import { foundation } from './001-foundation.ts';
import { verification } from './020-verification.ts';
import { smsOutbox } from './021-sms-outbox.ts';
import { throttle } from './022-throttle.ts';
import { applications } from './058-applications.ts';
import { tickets } from './030-tickets.ts';
import { conversationLog } from './031-conversation-log.ts';
import { escalations } from './032-escalations.ts';
import { payments } from './055-payments.ts';
import { paymentRecovery } from './056-payment-recovery.ts';
import { paymentNotices } from './057-payment-notices.ts';
import { applicationOrders } from './059-application-orders.ts';
import { outboxAndFeed } from './071-outbox-and-feed.ts';
import { billing } from './010-billing.ts';
import { outages } from './011-outages.ts';
import { webchatSessions } from './070-webchat-sessions.ts';
import { webchatMessages } from './072-webchat-messages.ts';
import { subscriberNames } from './007-subscriber-names.ts';
import { smsRecipient } from './026-sms-recipient.ts';
import { ticketsByChat } from './038-tickets-by-chat.ts';
import { temporaryPasswords } from './046-temporary-passwords.ts';
import { campaigns } from './060-campaigns.ts';
import { callListImports } from './061-call-list-imports.ts';
import { reports } from './080-reports.ts';
import { contactsByChat } from './081-contacts-by-chat.ts';
import { surveyDeliveries } from './062-survey-deliveries.ts';
import { instalments } from './012-instalments.ts';
import { retention } from './033-retention.ts';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  foundation, verification, smsOutbox, throttle, applications, tickets, conversationLog, escalations, payments, paymentRecovery, billing,
  outages, webchatSessions, subscriberNames, smsRecipient, ticketsByChat, temporaryPasswords, campaigns, callListImports, reports,
  surveyDeliveries, instalments, paymentNotices, applicationOrders, outboxAndFeed, retention,
  webchatMessages, contactsByChat,
].sort((a, b) => a.id - b.id);
