/**
 * @module Stand-in for a journey whose dialog is not built yet. It says so honestly (no "coming soon" promises),
 * points to the contact centre, and returns to the menu. Journeys that need a verified chat still send the
 * subscriber through verification first, so the path up to the missing part is the real one.
 * Replace `pending('balance', ...)` in bot/dialogs/index.ts with the real dialog when it exists.
 */
import { toMenu, type Dialog } from '../engine/dialog.ts';

/** A placeholder dialog with `id`; `label` is the menu label's i18n key. */
export function pending(id: string, label: string, options: { requiresLink: boolean }): Dialog<null> {
  return {
    id,
    requiresLink: options.requiresLink,
    start: (ctx) =>
      toMenu([{ text: ctx.t('bot:pending.reply', { item: ctx.t(label), phone: ctx.services.settings.contactCentrePhone }) }]),
    handle: () => toMenu(),
  };
}
