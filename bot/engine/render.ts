/**
 * @module Rendering helpers channels share: a numbered list for channels without buttons ("1 — Баланс"),
 * label shortening, and links appended to text for channels without link buttons.
 */
import type { ChannelCapabilities, OutboundMessage } from './types.ts';

/** Cuts a label to the channel's limit with an ellipsis. */
export function fitLabel(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/**
 * The message as plain text with its choices numbered, for channels whose `choiceStyle` is `numbered`.
 * The engine accepts the number, the label or a synonym as the answer.
 * @example renderNumbered({ text: 'Меню', choices: [{ id: 'b', label: 'Баланс' }] }, caps) // "Меню\n\n1 — Баланс"
 */
export function renderNumbered(message: OutboundMessage, capabilities: ChannelCapabilities): string {
  const lines = [message.text];
  const choices = (message.choices ?? []).slice(0, capabilities.maxChoices);
  if (choices.length > 0) lines.push('', ...choices.map((c, i) => `${i + 1} — ${fitLabel(c.label, capabilities.maxLabelLength)}`));
  if (message.link && !capabilities.linkButtons && !message.text.includes(message.link.url)) lines.push('', message.link.url);
  return lines.join('\n');
}
