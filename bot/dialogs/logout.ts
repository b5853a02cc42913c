/** @module /logout: unlinks this chat from the subscriber (core verification use case); other chats stay linked. */
import { toMenu, type Dialog } from '../engine/dialog.ts';

export const logout: Dialog<null> = {
  id: 'logout',
  async start(ctx) {
    const result = await ctx.services.verification.logout(ctx.chat.key);
    return toMenu([{ text: ctx.t(result.ok ? 'bot:logout.done' : 'bot:logout.notLinked') }]);
  },
  handle: () => toMenu(),
};
