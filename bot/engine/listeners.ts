/**
 * @module Who hears of the runner's exchanges: the listeners held before an inbound step's reply (the conversation
 * log, which can take an exchange back, and the report's contacts) and those told after it. One failing listener is
 * logged and never stops the others or the reply.
 */
import type { Logger } from '../../core/logging/logger.ts';
import type { Exchange, ExchangeListener, Retract } from './exchange.ts';

export class ExchangeListeners {
  private readonly before: ExchangeListener[] = [];
  private readonly after: ExchangeListener[] = [];

  constructor(private readonly logger: Logger) {}

  add(listener: ExchangeListener, beforeReply: boolean): void {
    (beforeReply ? this.before : this.after).push(listener);
  }

  /**
   * Hands an inbound step's exchange to the listeners held before the reply. They start writing at once (in the
   * caller's turn); what each gives back takes the exchange back.
   */
  async hold(exchange: Exchange): Promise<Retract[]> {
    const kept = await Promise.all(this.before.map((listener) => this.call(listener, exchange)));
    return kept.filter((retract): retract is Retract => typeof retract === 'function');
  }

  /** Tells the listeners that come after an inbound step's reply. */
  afterReply(exchange: Exchange): Promise<void> {
    return this.tellEach(this.after, exchange);
  }

  /** Tells every listener of a notification or broadcast (sent already). */
  tell(exchange: Exchange): Promise<void> {
    return this.tellEach([...this.before, ...this.after], exchange);
  }

  private async tellEach(listeners: ExchangeListener[], exchange: Exchange): Promise<void> {
    if (listeners.length > 0) await Promise.all(listeners.map((listener) => this.call(listener, exchange)));
  }

  private async call(listener: ExchangeListener, exchange: Exchange): Promise<Retract | void> {
    try {
      return await listener(exchange);
    } catch (err) {
      this.logger.error({ err, chat: exchange.chatKey }, 'exchange listener failed');
    }
  }
}
