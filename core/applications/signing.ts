/**
 * @module Signing contract-changing actions with a fresh one-time code (contract cl. 3, 9(4), 9(5); PRODUCT.md:
 * "actions that change the contract are signed with a fresh code"). The code goes to the subscriber's verified number
 * on file; a correct code stores a written application: who, which number, which channel and chat, the exact quote
 * shown, what kind, its details, and when.
 */
import { randomUUID } from 'node:crypto';
import { parseChatKey } from '../chats/key.ts';
import { translator } from '../i18n/i18n.ts';
import type { Application, ApplicationKind } from './model.ts';
import { checkCode, issueChallenge, type ChallengeDeps } from '../verification/challenges.ts';
import type { CodeSent, Result, SignatureQuote, Verification } from '../verification/types.ts';
import { smsLanguage } from '../verification/verification.ts';

type SigningApi = Pick<Verification, 'requestSignature' | 'resendSignature' | 'sign' | 'listApplications'>;

const KINDS: readonly ApplicationKind[] = ['plan_change', 'refusal', 'instalment'];

/** Reads a quote back from a challenge's context. */
function quoteOf(context: Record<string, unknown> | null): SignatureQuote | null {
  if (!context || typeof context.text !== 'string' || !KINDS.includes(context.kind as ApplicationKind)) return null;
  const payload = context.payload && typeof context.payload === 'object' ? (context.payload as Record<string, unknown>) : {};
  return { kind: context.kind as ApplicationKind, text: context.text, payload };
}

/** Signing use cases; `currentLink` decides whether the chat may sign for the subscriber. */
export function signingUseCases(deps: ChallengeDeps, currentLink: Verification['currentLink']): SigningApi {
  const { store, clock } = deps;

  const requestSignature = async (chatKey: string, subscriberId: string, quote: SignatureQuote): Promise<Result<CodeSent>> => {
    const link = await currentLink(chatKey);
    if (!link || link.subscriberId !== subscriberId) return { ok: false, reason: 'verification:not_linked', params: {} };
    const subscriber = await store.subscribers.get(subscriberId);
    if (!subscriber) return { ok: false, reason: 'verification:sign_no_phone', params: {} };
    const t = translator(await smsLanguage(deps, chatKey, subscriber.language));
    const action = t(`verification:kind.${quote.kind}`);
    return issueChallenge(deps, {
      purpose: 'sign', chatKey, phone: subscriber.phone, subscriberId,
      smsText: (code) => t('verification:sms.sign', { code, action }),
      context: { kind: quote.kind, text: quote.text, payload: quote.payload }, limitChatNumbers: false, address: null,
    });
  };

  return {
    requestSignature,

    async resendSignature(chatKey) {
      const last = await store.otp.latestOpen(chatKey, 'sign');
      const quote = last ? quoteOf(last.context) : null;
      if (!last || !last.subscriberId || !quote || last.consumedAt) return { ok: false, reason: 'verification:no_pending', params: {} };
      return requestSignature(chatKey, last.subscriberId, quote);
    },

    async sign(chatKey, code): Promise<Result<Application>> {
      const link = await currentLink(chatKey);
      if (!link) return { ok: false, reason: 'verification:not_linked', params: {} };
      const checked = await checkCode(deps, chatKey, 'sign', code);
      if (!checked.ok) return checked;
      const challenge = checked.value;
      const quote = quoteOf(challenge.context);
      if (challenge.subscriberId !== link.subscriberId || !quote) return { ok: false, reason: 'verification:not_linked', params: {} };
      const now = clock.now();
      const application: Application = {
        id: randomUUID(), subscriberId: link.subscriberId, phone: challenge.phone, channel: parseChatKey(chatKey).channel,
        chatKey, kind: quote.kind, quote: quote.text, payload: quote.payload, challengeId: challenge.id, signedAt: now,
      };
      await store.applications.add(application);
      await store.audit.append({
        id: randomUUID(), at: now, actorType: 'subscriber', actorId: link.subscriberId, action: 'application.signed',
        entity: 'application', entityId: application.id, details: { kind: application.kind, channel: application.channel },
      });
      deps.logger.info({ applicationId: application.id, kind: application.kind }, 'application signed');
      return { ok: true, value: application };
    },

    async listApplications(subscriberId) {
      return store.applications.listBySubscriber(subscriberId);
    },
  };
}
