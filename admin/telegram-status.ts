/**
 * @module Is the Telegram bot connected? Asks the Bot API's `getMe` with the configured token (3 s timeout). The
 * composition root may pass the running adapter's own state instead. The token never reaches a page or the log.
 */
import type { Config } from '../core/config/config.ts';
import type { TelegramProbe } from './context.ts';

/** A probe that calls `getMe` on `TELEGRAM_API_ROOT`. */
export function getMeProbe(config: Config): TelegramProbe {
  return async function probeTelegram() {
    const token = config.TELEGRAM_BOT_TOKEN;
    const mode = config.TELEGRAM_WEBHOOK_URL ? ('webhook' as const) : ('polling' as const);
    if (!token) return { configured: false, connected: false };
    try {
      const res = await fetch(`${config.TELEGRAM_API_ROOT.replace(/\/$/, '')}/bot${token}/getMe`, { signal: AbortSignal.timeout(3000) });
      const body = (await res.json()) as { ok?: boolean; result?: { username?: string }; description?: string };
      if (!body.ok) return { configured: true, connected: false, mode, error: `${res.status} ${body.description ?? ''}`.trim() };
      return { configured: true, connected: true, mode, username: body.result?.username };
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'unreachable';
      return { configured: true, connected: false, mode, error: reason };
    }
  };
}
