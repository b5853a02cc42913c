/**
 * @module Console live updates across instances (issue 20 item 15). The console listens on a bus of its own: every
 * domain event of this instance is passed on to it at once and written to the store's live feed; each instance reads
 * the feed every `pollMs` and passes on the events other instances wrote. So an agent's status set on instance 2, or a
 * ticket taken there, refreshes the live views of a supervisor whose browser talks to instance 1 — and a web-chat page
 * whose stream instance 1 holds hears of the bot's answer instance 2 wrote (`webchat.changed`: the chat and its
 * revision, never a text). Only the live bus hears remote events: the subscriber notifications and SLA bookkeeping
 * stay with the instance that emitted them.
 * Why polling and not MongoDB change streams: a standalone mongod (and the SQLite default) has none; one feed read
 * per second is the same code for both stores.
 */
import type { EventBus, EventMap, EventName } from '../events.ts';
import type { Logger } from '../logging/logger.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventFeedRepository } from './repository.ts';

/** The events the console's live views listen to, and the web chat's notice of a chat's new messages (bot/webchat). */
export const LIVE_EVENTS: readonly EventName[] = [
  'ticket.created', 'ticket.assigned', 'ticket.escalated', 'ticket.message_created', 'ticket.message_updated',
  'ticket.callback_recorded', 'ticket.breached', 'ticket.escalation_opened', 'ticket.escalation_acknowledged',
  'ticket.resolved', 'ticket.closed', 'ticket.rated', 'ticket.handoff_started', 'ticket.handoff_ended', 'ticket.updated',
  'agent.status_changed', 'report.generated', 'channel.state_changed', 'webchat.changed',
];

/** How far back a read looks again (MongoDB's counters hand out places before the insert lands). */
const LOOKBACK = 50;
const BATCH = 500;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Dates come back from JSON as strings; the console's listeners get Dates again. */
function revive(value: unknown): unknown {
  if (typeof value === 'string') return ISO_DATE.test(value) ? new Date(value) : value;
  if (Array.isArray(value)) return value.map(revive);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  return value;
}

export interface LiveFeedOptions {
  feed: EventFeedRepository;
  /** The instance's domain bus. */
  local: EventBus;
  /** The console's bus. */
  live: EventBus;
  origin: string;
  clock: Clock;
  logger: Logger;
  pollMs: number;
}

export class LiveFeedRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly offs: Array<() => void> = [];
  private last = 0;
  /** What was in the feed before this instance started: never passed on. */
  private floor = 0;
  private readonly seen = new Set<number>();

  constructor(private readonly options: LiveFeedOptions) {}

  async start(): Promise<void> {
    const { local, live, feed, origin, clock, logger } = this.options;
    this.last = await feed.lastSeq();
    this.floor = this.last;
    for (const name of LIVE_EVENTS) {
      this.offs.push(local.on(name, async (payload) => {
        await live.emit(name, payload);
        await feed.append({ origin, name, payload: JSON.parse(JSON.stringify(payload)) as unknown, at: clock.now() })
          .catch((err: unknown) => logger.warn({ err, event: name }, 'live feed append failed'));
      }));
    }
    const run = () => {
      if (this.running) return;
      this.running = this.read().catch((err: unknown) => logger.warn({ err }, 'live feed read failed')).finally(() => {
        this.running = null;
      });
    };
    this.timer = setInterval(run, this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.offs.splice(0).forEach((off) => off());
    if (this.running) await this.running;
  }

  /** Passes on what other instances wrote since the last read. */
  async read(): Promise<void> {
    const { feed, live, origin } = this.options;
    for (const event of await feed.after(Math.max(0, this.last - LOOKBACK), BATCH)) {
      if (event.seq <= this.floor || this.seen.has(event.seq)) continue;
      this.seen.add(event.seq);
      this.last = Math.max(this.last, event.seq);
      if (event.origin === origin) continue;
      await live.emit(event.name, revive(event.payload) as EventMap[typeof event.name]);
    }
    for (const seq of this.seen) if (seq < this.last - LOOKBACK) this.seen.delete(seq);
  }
}
