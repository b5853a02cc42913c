/**
 * @module Routing one inbound event to where it belongs (the first step of `continueFlow`): a command opens its
 * dialog; a button counts only if it belongs to the menu on screen (old navigation buttons still mean what they
 * say, other stale ones are answered); typed text is a choice of the menu on screen, a command word, a message for
 * the person who has the chat, an answer to an agent who wrote lately, or the active dialog's input. A message too
 * long to read is answered with its length and the limit (text-limit.ts); a person gets it whole.
 */
import { formatTicketNumber } from '../../core/tickets/number.ts';
import { greetFirst } from './first-contact.ts';
import type { FlowStep } from './flow-step.ts';
import { HANDOFF } from './flow-step.ts';
import { matchChoice } from './match-choice.ts';
import { MAX_MESSAGE_LENGTH } from '../../core/tickets/index.ts';
import { MAX_TYPED_TEXT, splitText } from './text-limit.ts';
import { parseSlashCommand, typedCommand } from './typed-commands.ts';
import { WAY_MENU, WAY_PERSON } from './way-on.ts';
import type { InboundEvent, UnsupportedKind } from './types.ts';

/** Routes the event; a slash command typed as text (the web chat, WhatsApp) is a command like Telegram's. */
export async function routeEvent(step: FlowStep, inbound: InboundEvent): Promise<void> {
  const slashed = inbound.kind === 'text' ? parseSlashCommand(inbound.text) : null;
  const event: InboundEvent = slashed ? { kind: 'command', ...slashed } : inbound;
  if (await greetFirst(step, event)) return;
  switch (event.kind) {
    case 'command':
      return step.runCommand(event.name);
    case 'unsupported':
      return routeUnsupported(step, event.what);
    case 'choice':
      return routeChoice(step, event.id, event.menuToken);
    case 'text':
      return routeText(step, event.text);
    case 'contact':
      if (step.handedOff && !step.awaited()) return relay(step, { text: event.phone });
      return step.deliver(step.state.dialog, { kind: 'contact', phone: event.phone, own: event.own });
  }
}

/** Stickers, photos, voice...: the person gets a note of it; the bot says what it can read and asks again. */
async function routeUnsupported(step: FlowStep, what: UnsupportedKind): Promise<void> {
  if (step.handedOff) return relay(step, { media: what });
  step.missedInput = true;
  // Channels without buttons (WhatsApp) are answered by typing, so the answer says "the number", not "buttons".
  const answer = step.flow.capabilities.choiceStyle === 'numbered' ? 'bot:unsupported.replyTyped' : 'bot:unsupported.reply';
  step.say(step.ctx.t(answer));
  await step.repeatQuestion();
}

/** A button press: acted on once, only from the menu on screen; a menu is used up by its first answer. */
async function routeChoice(step: FlowStep, id: string, menuToken: string | null): Promise<void> {
  const menu = step.state.menu;
  if (menu && menuToken === menu.token && menu.choices.some((c) => c.id === id)) {
    step.state.menu = null; // used up: a second press of the same button is stale
    return step.deliver(menu.owner, { kind: 'choice', id });
  }
  // An old "Balance" or "To the menu" button still means that: only other stale buttons are refused.
  if (!step.isNavigation(id)) {
    step.say(step.ctx.t('bot:stale.reply'));
    return step.repeatQuestion();
  }
  step.state.menu = null;
  if (id === 'menu') return step.enter('menu');
  if (id === WAY_MENU || id === WAY_PERSON) return step.deliver(step.state.dialog, { kind: 'choice', id });
  return step.deliver('menu', { kind: 'choice', id });
}

/** Typed text, in order: the menu on screen, a command word, the person, an agent who wrote lately, the dialog. */
async function routeText(step: FlowStep, raw: string): Promise<void> {
  const text = raw.trim();
  const relaying = Boolean(step.handedOff) && !step.awaited();
  if (text.length > MAX_TYPED_TEXT) {
    if (relaying) return relay(step, { text });
    step.say(step.ctx.t('bot:too_long.reply', { length: text.length, max: MAX_TYPED_TEXT }));
    return step.repeatQuestion();
  }
  const menu = step.state.menu;
  const hit = menu ? matchChoice(raw, menu.choices) : null;
  const word = hit ? null : typedCommand(raw);
  if (menu && hit) {
    step.state.menu = null;
    return step.deliver(menu.owner, { kind: 'choice', id: hit.id });
  }
  // A person on the line is the help a subscriber asks for in words: "помощь" goes to them, `/help` to the bot.
  if (word && !(relaying && word.word && word.name === 'help')) return step.runCommand(word.name);
  if (relaying) return relay(step, { text });
  if (!(await answeredAgent(step, text))) await step.deliverText(text);
}

/**
 * Gives the subscriber's message to the person (a long one in parts, nothing cut); the first of a hand-off is
 * acknowledged, later ones go silently.
 */
async function relay(step: FlowStep, message: { text: string } | { media: UnsupportedKind }): Promise<void> {
  const ticketId = step.handedOff!.id;
  const { tickets } = step.flow.services;
  if ('media' in message) {
    await tickets.addSubscriberMedia(ticketId, message.media);
    step.say(step.ctx.t('tickets:handoff.text_only'));
  } else {
    for (const part of splitText(message.text, MAX_MESSAGE_LENGTH)) await tickets.addSubscriberMessage(ticketId, part);
    if (step.state.relayed !== ticketId) step.say(step.ctx.t('tickets:handoff.received'));
  }
  step.state.relayed = ticketId;
}

/**
 * Words typed at the menu while no person has the chat, but an agent wrote lately (after ending the hand-off):
 * within the window they go to that agent's ticket; later the subscriber hears the agent will not see them.
 */
async function answeredAgent(step: FlowStep, text: string): Promise<boolean> {
  const { state, flow } = step;
  if (step.handedOff || !step.canHandOff || (state.dialog !== 'menu' && state.dialog !== HANDOFF)) return false;
  const contact = await flow.services.tickets.agentContact(flow.chat.key);
  if (!contact) return false;
  const number = formatTicketNumber(contact.ticket.number);
  if (!contact.open) {
    step.say(step.ctx.t('tickets:late_reply.too_late', { number }));
    return false;
  }
  await flow.services.tickets.addLateReply(contact.ticket.id, text);
  step.say(step.ctx.t('tickets:late_reply.passed', { number }));
  return true;
}
