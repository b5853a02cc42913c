/**
 * @module The channel side of a survey send (core's `SurveySender`): the first question goes through the runner's
 * broadcast — in the chat's language, only while the chat is idle, paced behind live replies — and the channel's
 * answer is read as core needs it: sent; busy; a clear "not sent" to retry after the wait asked (429 retry_after, 5xx,
 * the channel not connected); refused for good (403: the user blocked the bot; other 4xx); or unknown (no answer:
 * a timeout or a connection reset after the request went out), which core records as ambiguous and never retries.
 */
import type { SendResult, SurveySender } from '../../core/campaigns/index.ts';
import { ChannelSendError } from '../../core/errors.ts';
import type { ConversationRunner } from '../engine/runner.ts';
import { SURVEY_DIALOG, type SurveyData } from './survey.ts';
import { questionMessage } from './survey-messages.ts';

/** How long a send may take before its outcome counts as unknown. */
const SEND_TIMEOUT_MS = 20_000;
/** How long to wait after a 5xx or an unavailable channel when no wait was given. */
const DEFAULT_RETRY_MS = 5_000;

class SendTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeout('send timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A channel failure as core reads it. */
export function classifySendError(err: unknown): SendResult {
  if (err instanceof SendTimeout) return { kind: 'unknown', reason: 'timeout' };
  if (!(err instanceof ChannelSendError) || err.status === null) return { kind: 'unknown', reason: 'no_answer' };
  if (err.status === 429) return { kind: 'retry', afterMs: err.retryAfterMs ?? 1000, reason: '429' };
  if (err.status >= 500) return { kind: 'retry', afterMs: err.retryAfterMs ?? DEFAULT_RETRY_MS, reason: String(err.status) };
  return { kind: 'failed', reason: String(err.status) };
}

export function surveySender(runner: ConversationRunner, options: { timeoutMs?: number } = {}): SurveySender {
  return {
    async sendFirst(delivery, questionnaire, question) {
      try {
        const result = await withTimeout(runner.broadcast(delivery.chatKey, (t, language) => {
          const capabilities = runner.capabilitiesOf(delivery.channel);
          const message = questionMessage({ questionnaire, question, language, capabilities, first: true }, t);
          const data: SurveyData = { deliveryId: delivery.id, questionId: question.id, picked: [], prompt: [message] };
          return { messages: [message], data };
        }, SURVEY_DIALOG), options.timeoutMs ?? SEND_TIMEOUT_MS);
        if (result.kind === 'sent') return { kind: 'sent', messageId: result.ids[0] ?? null };
        if (result.kind === 'busy') return { kind: 'busy' };
        return { kind: 'retry', afterMs: 60_000, reason: 'channel_unavailable' };
      } catch (err) {
        return classifySendError(err);
      }
    },
  };
}
