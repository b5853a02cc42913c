/**
 * @module The ticket's full transcript, Chatwoot-style: the subscriber on the left, the bot and agents on the right,
 * activity lines in the middle, private notes marked. Every text is untrusted and shown as text (JSX escapes it);
 * line breaks survive through CSS, never through markup.
 */
import type { Translate } from '../../core/i18n/i18n.ts';
import type { TicketMessage } from '../../core/tickets/index.ts';
import { formatDateTime } from './format.ts';

function Delivery({ t, message }: { t: Translate; message: TicketMessage }) {
  if (message.direction !== 'outgoing' || message.private || message.delivery === 'none') return null;
  return (
    <span class={`delivery delivery-${message.delivery}`} title={message.error ?? undefined}>
      {t(`admin:ticket.delivery.${message.delivery}`)}
    </span>
  );
}

export function TranscriptItems({ t, messages, users, subscriberLabel }: {
  t: Translate;
  messages: TicketMessage[];
  users: Map<string, string>;
  subscriberLabel: string;
}) {
  return (
    <>
      {messages.map((m) => {
        const at = <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>;
        if (m.direction === 'activity') {
          return (
            <li class="msg activity" data-message={m.id}>
              <span>{t(m.text, { ...(m.params ?? {}), defaultValue: m.text })}</span> {at}
            </li>
          );
        }
        const author =
          m.sender === 'subscriber'
            ? subscriberLabel
            : m.sender === 'bot'
              ? t('admin:ticket.sender.bot')
              : m.sender === 'agent'
                ? (users.get(m.senderId ?? '') ?? t('admin:ticket.sender.agent'))
                : t('admin:ticket.sender.system');
        const side = m.direction === 'incoming' ? 'in' : 'out';
        return (
          <li class={`msg ${side} sender-${m.sender}${m.private ? ' private' : ''}`} data-message={m.id}>
            <div class="msg-head">
              <strong>{author}</strong>
              {m.private ? <span class="badge note">{t('admin:ticket.note_badge')}</span> : null}
              {at}
            </div>
            <div class="msg-text">{m.text}</div>
            <Delivery t={t} message={m} />
          </li>
        );
      })}
    </>
  );
}
