/**
 * @module The engine's vocabulary: what a channel hands in (`InboundEvent`), what a dialog says back
 * (`OutboundMessage`), what a channel can render (`ChannelCapabilities`), the side effects a step asks the runner
 * to carry out (`Effect`), and the persisted per-chat state (`EngineState`). Nothing here knows about Telegram,
 * WhatsApp or the web chat.
 */
import type { Language } from '../../core/i18n/model.ts';

/** Kinds of message the bot cannot read; each gets a short localized answer, never silence. */
export type UnsupportedKind = 'sticker' | 'photo' | 'voice' | 'video' | 'document' | 'location' | 'other';

/**
 * One thing the subscriber did, already normalised by the channel adapter.
 * - `text`: typed text (WhatsApp numbered answers arrive as text; the engine maps "2", a label or a synonym to a choice).
 * - `choice`: a button press. `menuToken` is the token of the message the button was on, so a stale or repeated
 *   press is recognised and never acted on twice; `messageId`, the channel's id of that message when the press
 *   carries it (Telegram's callback, the web chat's post), so the answered menu can lose its buttons.
 * - `contact`: a shared phone number (Telegram "share my contact", WhatsApp vCard). `own` is true when the contact
 *   shared is the sender's own (Telegram tells us by `user_id`).
 * - `command`: `/start`, `/menu`, ... without the slash, lower-case; `args` is the rest of the line.
 * - `unsupported`: stickers, photos, voice, location...
 */
export type InboundEvent =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; id: string; menuToken: string | null; messageId?: string }
  | { kind: 'contact'; phone: string; own: boolean }
  | { kind: 'command'; name: string; args: string }
  | { kind: 'unsupported'; what: UnsupportedKind };

/** A button / list item. `id` is stable and short (≤ 40 chars, `[a-z0-9._:-]`); `label` is already translated. */
export interface Choice {
  id: string;
  label: string;
  /** Extra words that select this choice when typed (lower-case), e.g. ['баланс', 'balance']. */
  synonyms?: string[];
}

/**
 * One message from the bot, already translated.
 * Put at most ONE message with `choices` in a step: the last one becomes the chat's current menu.
 */
export interface OutboundMessage {
  text: string;
  /** Buttons (Telegram inline keyboard, web chat buttons) or a numbered list (WhatsApp), per the channel's capabilities. */
  choices?: Choice[];
  /** Ask the subscriber to share their phone number with one tap, where the channel can (Telegram). */
  requestContact?: { label: string };
  /** Hint: this message answers the menu the subscriber just pressed; that menu's buttons are taken away where the channel can. */
  replaceMenu?: boolean;
  /** A link to show with the message (e.g. the contract). Channels without link buttons append it to the text. */
  link?: { url: string; label: string };
  /** The message asks for typed input only: the menu on screen before it stops answering to typed numbers. */
  clearsMenu?: boolean;
}

/** A message as the runner hands it to a channel: the menu token and, when editing, the message to edit. */
export interface Delivery extends OutboundMessage {
  /** Set when the message has choices; channels put it into the button payload. */
  menuToken?: string;
  /**
   * External id of the menu this message answers: before sending it, the channel takes that menu's buttons away
   * (only if `capabilities.editMessages`), so the answer comes after the choice in time order (issue 14).
   */
  retireMenuId?: string;
}

/** What a channel can render. Dialogs test capabilities, never the channel's name. */
export interface ChannelCapabilities {
  /** Most choices one message can carry; longer lists are cut by the dialog (or paged). */
  maxChoices: number;
  /** `buttons`: tappable buttons carrying an id; `numbered`: "1 — Баланс" lines answered by typing. */
  choiceStyle: 'buttons' | 'numbered';
  /** Longest button label the channel shows without cutting. */
  maxLabelLength: number;
  /** The channel can ask for the user's own phone number with one tap. */
  contactRequest: boolean;
  /** The channel can edit a message it already sent (menus updated in place). */
  editMessages: boolean;
  /** Links can be shown as buttons. */
  linkButtons: boolean;
  /**
   * The transport is a third-party service abroad (Telegram, WhatsApp): personal data crosses the border, so the
   * start shows the notice of contract cl. 33(20). False for the operator's own web chat.
   */
  thirdParty: boolean;
}

/**
 * Side effects a step asks for; the runner carries them out after the step, before sending (`answered`: after).
 * Kept to what the engine itself owns. Journeys call core use cases through `ctx.services` instead.
 */
export type Effect =
  /** Remember the language on the chat and on the linked subscriber. */
  | { kind: 'setLanguage'; language: Language }
  /**
   * The reply tells the subscriber what became of a signed application: once it has left, the application is done
   * (a crash before that leaves it to the sweep, which tells them; core/selfservice/finish-applications.ts).
   */
  | { kind: 'answered'; applicationId: string };

/** The menu currently on screen: which dialog owns it, its token, its choices (for matching typed answers). */
export interface CurrentMenu {
  token: string;
  owner: string;
  choices: Choice[];
}

/** Persisted per chat (store.dialogs), JSON-serialisable. */
export interface EngineState {
  v: 1;
  /** Active dialog id; 'menu' when the subscriber is at the main menu. */
  dialog: string;
  /** The active dialog's own data (whatever that dialog keeps). */
  data: unknown;
  menu: CurrentMenu | null;
  /** Consecutive inputs the bot did not understand; at `MISSES_BEFORE_HANDOFF` in one dialog the chat goes to a person. */
  misses: number;
  /** The dialog those misses happened in (a miss in another dialog starts counting afresh). */
  missedIn?: string | null;
  /** The ticket whose hand-off already answered "passed on" (later relayed messages go silently). */
  relayed?: string | null;
}

export const initialState = (): EngineState => ({ v: 1, dialog: 'menu', data: null, menu: null, misses: 0 });

/** Accepts only state this engine version wrote; anything else starts afresh at the main menu. */
export function asState(value: unknown): EngineState | null {
  if (!value || typeof value !== 'object') return null;
  const state = value as Partial<EngineState>;
  return state.v === 1 && typeof state.dialog === 'string' ? (state as EngineState) : null;
}

/** Gives each message with choices a fresh menu token; the last menu becomes the chat's current one (`owner`'s). */
export function stampMenus(messages: OutboundMessage[], state: EngineState, owner: string, newToken: () => string): Delivery[] {
  return messages.map((m) => {
    if (!m.choices?.length) return { ...m };
    const token = newToken();
    state.menu = { token, owner, choices: m.choices };
    return { ...m, menuToken: token };
  });
}
