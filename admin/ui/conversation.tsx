/**
 * @module What the bot and the subscriber said before the ticket reached a person (the conversation log), shown on
 * the ticket page above its transcript; the chat's opening `/start` reads as "opened the chat", not as the subscriber's
 * words. Texts are untrusted and shown as text (JSX escapes them).
 */
import type { ConversationMessage } from '../../core/conversations/model.ts';
import type { Translate } from '../../core/i18n/i18n.ts';
import { formatDateTime } from './format.ts';

/** The chat's opening command (the web chat sends it by itself on first load): not something the subscriber said. */
const OPENING = /^\/start(\s|$)/;

export function ConversationBefore({ t, messages, subscriberLabel }: { t: Translate; messages: ConversationMessage[]; subscriberLabel: string }) {
  if (messages.length === 0) return null;
  return (
    <details class="before-handoff" open>
      <summary>{t('admin:ticket.before.title', { n: messages.length })}</summary>
      <ol class="transcript">
        {messages.map((m) =>
          m.direction === 'in' && OPENING.test(m.text) ? (
            <li class="msg activity" data-conversation-message={m.id}>
              <span>{t('admin:ticket.before.opened')}</span> <time datetime={m.at.toISOString()}>{formatDateTime(m.at)}</time>
            </li>
          ) : (
          <li class={`msg ${m.direction === 'in' ? 'in sender-subscriber' : 'out sender-bot'}`} data-conversation-message={m.id}>
            <div class="msg-head">
              <strong>{m.direction === 'in' ? subscriberLabel : t('admin:ticket.sender.bot')}</strong>
              <time datetime={m.at.toISOString()}>{formatDateTime(m.at)}</time>
            </div>
            <div class="msg-text">{m.text}</div>
          </li>
          ),
        )}
      </ol>
    </details>
  );
}
