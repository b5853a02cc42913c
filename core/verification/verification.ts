/**
 * @module Verification by one-time SMS code (PRODUCT.md journey 2; contract cl. 3, 9(5), 31(8)): a number typed in
 * any common Kazakh form gets a code only if it is a subscriber's verified number on file, with the same answer either
 * way; a correct code links the chat to the subscriber and so to all their personal accounts, for LINK_LIFETIME_DAYS.
 */
import { randomUUID } from 'node:crypto';
import { translator } from '../i18n/i18n.ts';
import { parseChatKey } from '../chats/key.ts';
import type { Language } from '../i18n/model.ts';
import { checkCode, issueChallenge, type ChallengeDeps } from './challenges.ts';
import { maskPhone, normalizeKzMobile } from './phone.ts';
import type { ChatLink, CodeSent, Linked, PendingCode, RequestOrigin, Result, Verification } from './types.ts';

export const LINK_EXPIRY_JOB = 'verification.link-expiry';

/** Schedules jobs; the scheduler's `schedule` fits. */
export interface JobScheduling {
  schedule(kind: string, key: string, dueAt: Date, payload?: Record<string, unknown>): Promise<void>;
  cancel(key: string): Promise<void>;
}

export interface VerificationDeps extends ChallengeDeps {
  jobs: JobScheduling;
}

type VerifyApi = Pick<Verification, 'startVerification' | 'resend' | 'confirmCode' | 'currentLink' | 'logout' | 'pending'>;

/** The language an SMS to this chat is written in: the chat's, else the subscriber's, else Kazakh. */
export async function smsLanguage(deps: ChallengeDeps, chatKey: string, subscriberLanguage: Language | null | undefined): Promise<Language> {
  const chat = await deps.store.chats.get(chatKey);
  return chat?.language ?? subscriberLanguage ?? 'kk';
}

export function verificationUseCases(deps: VerificationDeps): VerifyApi {
  const { store, clock } = deps;

  const sendCode = async (chatKey: string, phone: string, origin: RequestOrigin | undefined): Promise<Result<CodeSent>> => {
    const subscriber = await store.subscribers.findByPhone(phone);
    const t = translator(await smsLanguage(deps, chatKey, subscriber?.language));
    return issueChallenge(deps, {
      purpose: 'verify', chatKey, phone, subscriberId: subscriber?.id ?? null,
      smsText: (code) => t('verification:sms.verify', { code }), context: null, limitChatNumbers: true, address: origin?.address ?? null,
    });
  };

  const currentLink = async (chatKey: string): Promise<ChatLink | null> => {
    const chat = await store.chats.get(chatKey);
    if (!chat?.subscriberId || !chat.linkedPhone || !chat.linkedAt || !chat.linkExpiresAt) return null;
    if (chat.linkExpiresAt.getTime() <= clock.now().getTime()) {
      await store.chats.unlink(chatKey);
      await store.audit.append({
        id: randomUUID(), at: clock.now(), actorType: 'system', actorId: null, action: 'chat.link_expired', entity: 'chat',
        entityId: chatKey, details: { subscriberId: chat.subscriberId },
      });
      return null;
    }
    return { subscriberId: chat.subscriberId, phone: chat.linkedPhone, linkedAt: chat.linkedAt, expiresAt: chat.linkExpiresAt };
  };

  return {
    async startVerification(chatKey, rawPhone, origin) {
      const phone = normalizeKzMobile(rawPhone);
      if (!phone.ok) return { ok: false, reason: phone.reason, params: {} };
      return sendCode(chatKey, phone.value, origin);
    },

    async resend(chatKey, origin) {
      const last = await store.otp.latestOpen(chatKey, 'verify');
      if (!last) return { ok: false, reason: 'verification:no_pending', params: {} };
      return sendCode(chatKey, last.phone, origin);
    },

    async confirmCode(chatKey, code, origin): Promise<Result<Linked>> {
      const checked = await checkCode(deps, chatKey, 'verify', code, origin?.address ?? null);
      if (!checked.ok) return checked;
      const challenge = checked.value;
      const subscriber = challenge.subscriberId ? await store.subscribers.get(challenge.subscriberId) : null;
      // The number on file changed between sending and typing: the code proves nothing about the new one.
      if (!subscriber || subscriber.phone !== challenge.phone) return { ok: false, reason: 'verification:code_expired', params: {} };
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + deps.limits.linkLifetimeMs);
      if (!(await store.chats.get(chatKey))) {
        const { channel, externalId } = parseChatKey(chatKey);
        await store.chats.touch(channel, externalId, now);
      }
      await store.chats.link(chatKey, { subscriberId: subscriber.id, phone: subscriber.phone, linkedAt: now, expiresAt });
      await deps.jobs.schedule(LINK_EXPIRY_JOB, `link-expiry:${chatKey}`, expiresAt, { chatKey });
      await store.audit.append({
        id: randomUUID(), at: now, actorType: 'subscriber', actorId: subscriber.id, action: 'chat.linked', entity: 'chat',
        entityId: chatKey, details: { challengeId: challenge.id, expiresAt: expiresAt.toISOString() },
      });
      const accounts = await store.accounts.listBySubscriber(subscriber.id);
      return {
        ok: true,
        value: {
          subscriberId: subscriber.id, phone: subscriber.phone, linkedAt: now, expiresAt, fullName: subscriber.fullName,
          accounts: accounts.map((a) => ({ id: a.id, number: a.number })),
        },
      };
    },

    currentLink,

    async logout(chatKey) {
      const now = clock.now();
      await store.otp.closeForChat(chatKey, now);
      const link = await currentLink(chatKey);
      if (!link) return { ok: false, reason: 'verification:not_linked', params: {} };
      await store.chats.unlink(chatKey);
      await deps.jobs.cancel(`link-expiry:${chatKey}`);
      await store.audit.append({
        id: randomUUID(), at: now, actorType: 'subscriber', actorId: link.subscriberId, action: 'chat.unlinked', entity: 'chat',
        entityId: chatKey, details: {},
      });
      return { ok: true, value: { subscriberId: link.subscriberId } };
    },

    async pending(chatKey, purpose): Promise<PendingCode | null> {
      const challenge = await store.otp.latestOpen(chatKey, purpose);
      if (!challenge || challenge.consumedAt) return null;
      const sms = challenge.smsId ? await store.smsOutbox.get(challenge.smsId) : null;
      return {
        purpose,
        maskedPhone: maskPhone(challenge.phone),
        expiresAt: challenge.expiresAt,
        resendAt: new Date(challenge.createdAt.getTime() + deps.limits.resendMs),
        attemptsLeft: Math.max(0, deps.limits.maxAttempts - challenge.attempts),
        // A number not on file gets no SMS; report it like a sent one so this view cannot tell the two apart.
        delivery: sms ? sms.status : 'sent',
      };
    },
  };
}
