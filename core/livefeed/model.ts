/** @module The nouns of the live feed: domain events shared between instances for the console's live views. */
import type { EventName } from '../events.ts';

/** One domain event as another instance's console needs it; `payload` is the event's payload as JSON. */
export interface FeedEvent {
  seq: number;
  /** The instance that emitted it (its own events it already saw in-process). */
  origin: string;
  name: EventName;
  payload: unknown;
  at: Date;
}
