/**
 * @module Runs the engine's step (`continueFlow`) with the product's real registry and real core services over an
 * in-memory store, so table tests can feed events and read the messages, effects and state that come back.
 */
import { wireSms, wireTickets, wireVerification } from '../../core/compose.ts';
import { ManualClock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { ChannelName } from '../../core/chats/model.ts';
import type { Store } from '../../core/store/store.ts';
import { buildRegistry } from '../../bot/dialogs/index.ts';
import { continueFlow, type FlowResult } from '../../bot/engine/continue-flow.ts';
import { dialogReads, type Services } from '../../bot/engine/services.ts';
import { faultChecks } from '../../core/faults/checks.ts';
import type { ChannelCapabilities, EngineState, InboundEvent } from '../../bot/engine/types.ts';
import { TELEGRAM_CAPABILITIES } from '../../bot/telegram/render.ts';
import { testBase } from '../helpers/core-base.ts';

export interface Harness {
  store: Store;
  clock: ManualClock;
  services: Services;
  /** Feeds one event to the chat and keeps its state, as the runner would (minus sending). */
  step(event: InboundEvent): Promise<FlowResult>;
  state: EngineState | null;
  chatKey: string;
}

export async function harness(options: { channel?: ChannelName; capabilities?: ChannelCapabilities; language?: 'kk' | 'ru'; localeHint?: 'kk' | 'ru'; env?: Record<string, string> } = {}): Promise<Harness> {
  const store = await openSqliteStore(':memory:');
  const clock = new ManualClock('2026-03-10T05:00:00Z');
  const base = testBase({ clock, store, env: { SECRET_KEY: 'x'.repeat(40), ...options.env } });
  const sms = wireSms(base);
  const services: Services = {
    ...dialogReads(store), faults: faultChecks(store), clock,
    settings: { contractUrl: { ru: 'https://example.kz/ru/contract', kk: 'https://example.kz/kk/contract' }, publicUrl: null, contactCentrePhone: '160' },
    verification: wireVerification(base, sms),
    tickets: wireTickets(base),
  };
  const registry = buildRegistry();
  const channel = options.channel ?? 'telegram';
  const chatKey = `${channel}:42`;
  await store.chats.touch(channel, '42', clock.now());
  if (options.language) await store.chats.setLanguage(chatKey, options.language);
  let counter = 0;
  const h: Harness = {
    store, clock, services, chatKey, state: null,
    async step(event) {
      const chat = (await store.chats.get(chatKey))!;
      const result = await continueFlow(h.state, event, {
        chat, subscriberLanguage: null, localeHint: options.localeHint ?? null, now: clock.now(),
        capabilities: options.capabilities ?? TELEGRAM_CAPABILITIES, services, registry,
        newToken: () => `tok${(counter += 1)}`,
      });
      for (const effect of result.effects) if (effect.kind === 'setLanguage') await store.chats.setLanguage(chatKey, effect.language);
      h.state = result.state;
      return result;
    },
  };
  return h;
}

export const command = (name: string): InboundEvent => ({ kind: 'command', name, args: '' });
export const text = (value: string): InboundEvent => ({ kind: 'text', text: value });
export const press = (id: string, menuToken: string | null, messageId?: string): InboundEvent =>
  ({ kind: 'choice', id, menuToken, ...(messageId ? { messageId } : {}) });
