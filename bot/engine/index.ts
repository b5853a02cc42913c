/**
 * @module The conversation engine: channel-agnostic dialogs over a pure-ish step, and the runner that connects
 * them to channels and the store. Read this first if you add a journey or a channel.
 *
 * ## Shape
 * channel adapter ──Inbound──▶ ConversationRunner ──▶ continueFlow(state, event, flow) ──▶ Dialog.start/handle
 *        ▲                          │  (per-chat queue, dedupe, store.dialogs, effects, error boundary)
 *        └──────── send(externalId, Delivery[]) ◀── outbound messages (text + choices + hints)
 *
 * - `InboundEvent` (types.ts): text | choice (button id + menu token) | contact | command | unsupported.
 * - `OutboundMessage` (types.ts): text, optional `choices`, `requestContact`, `replaceMenu`, `link`. Translated.
 * - `ChannelCapabilities` (types.ts): buttons vs numbered lists, limits, contact request, editing, third-party.
 * - `Dialog` (dialog.ts): `{ id, requiresLink?, start(ctx, args), handle(input, data, ctx), prompt?(data, ctx) }`
 *   returning a `Step` built with `stay(data, say)`, `go(dialogId, args, say)`, `toMenu(say)`, `missed(step)`.
 *   `awaits(data)` says a phone number or one-time code is expected (kept from a person during a hand-off).
 * - `Services` (services.ts): core use cases dialogs may call (`ctx.services.verification`, ...).
 * - `DialogRegistry` (registry.ts): dialogs, slash commands, main-menu items; filled in bot/dialogs/index.ts.
 * - `Channel` (channel.ts): `name`, `capabilities`, `toInbound(raw)`, `send(externalId, deliveries)` → ids.
 * - `ConversationRunner` (runner.ts): `attach(channel)`, `handle(channel, inbound)`, `notify(chatKey, build)`,
 *   `notifySubscriber(subscriberId, build, { essential })`, `observe(listener)`, `idle()`.
 *
 * ## Rules the engine keeps for every dialog (continue-flow.ts)
 * Commands work from anywhere; a button counts once and only while its menu is the one on screen; typed "2",
 * a label or a synonym select a choice; stickers/photos/voice get a short answer and the question again; a
 * dialog with `requiresLink` is reached through verification first; unexpected errors are logged and answered
 * with `common:error.unexpected`. While a chat is handed off to a person, what the subscriber sends goes to the
 * person (the bot's commands and buttons keep working; `/cancel` leaves the person); two misses in a row in any
 * dialog hand the chat to a person. `logConversations(store)` keeps every chat's messages for the ticket page.
 */
export type { Channel, Inbound } from './channel.ts';
export { logConversations, outboundText } from './conversation-log.ts';
export {
  continueFlow, describeInbound, isLinked, languageFor, type FlowContext, type FlowResult,
} from './continue-flow.ts';
export { go, missed, stay, toMenu, type Dialog, type DialogContext, type DialogInput, type Next, type Step } from './dialog.ts';
export { KeyedQueue } from './keyed-queue.ts';
export { MISSES_BEFORE_HANDOFF } from './way-on.ts';
export { parseSlashCommand, typedCommand } from './typed-commands.ts';
export { matchChoice, normaliseAnswer } from './match-choice.ts';
export { DialogRegistry, type Command, type MenuItem } from './registry.ts';
export { fitLabel, renderNumbered } from './render.ts';
export { ConversationRunner, type Exchange, type ExchangeListener, type MessageBuilder, type RunnerOptions } from './runner.ts';
export type { RunnerRepositories } from './exchange.ts';
export type { BotSettings, Services } from './services.ts';
export {
  initialState, type ChannelCapabilities, type Choice, type CurrentMenu, type Delivery, type Effect, type EngineState,
  type InboundEvent, type OutboundMessage, type UnsupportedKind,
} from './types.ts';
