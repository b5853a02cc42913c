/** @module A written application signed with a one-time code. */
import type { ChannelName } from '../chats/model.ts';

export type ApplicationKind = 'plan_change' | 'refusal' | 'instalment';

/** A written application signed with a one-time code (contract cl. 3, 9(4), 9(5)). */
export interface Application {
  id: string;
  subscriberId: string;
  /** The verified number the signing code went to (E.164). */
  phone: string;
  channel: ChannelName;
  chatKey: string;
  kind: ApplicationKind;
  /** The exact quote text the subscriber was shown and agreed to. */
  quote: string;
  /** Machine-readable details of what was agreed (plan id, services, amounts…). */
  payload: Record<string, unknown>;
  /** The one-time-code challenge that signed it (unique: one code signs one application). */
  challengeId: string;
  signedAt: Date;
}
