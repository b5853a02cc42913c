/**
 * @module Process lifecycle: serve a hono app on Node, and shut down gracefully on SIGTERM/SIGINT —
 * stop accepting, let in-flight requests finish, run the registered closers (channels, scheduler, store),
 * and exit 0 within the deadline.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Server } from 'node:http';
import type { Logger } from '../logging/logger.ts';

const KEEP_ALIVE_MS = 65_000;

export type Closer = { name: string; close: () => Promise<void> | void };

export function listen(app: Hono, port: number, hostname?: string): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, ...(hostname ? { hostname } : {}) }, () => resolve(server));
    // Idle keep-alive connections stay open longer than any client keeps them (undici 4 s, browsers up to a
    // minute), so the server never closes a socket a client is just reusing (ECONNRESET on a busy machine).
    const http = server as Server;
    http.keepAliveTimeout = KEEP_ALIVE_MS;
    http.headersTimeout = KEEP_ALIVE_MS + 1000;
    server.once('error', reject);
  });
}

/** Closes the HTTP server: idle connections at once, long-lived ones (server-sent events) after `graceMs`. */
export function closeServer(server: ServerType, graceMs: number): Promise<void> {
  const http = server as Server;
  return new Promise((resolve) => {
    const force = setTimeout(() => http.closeAllConnections?.(), graceMs);
    force.unref();
    http.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}

/**
 * Runs `closers` in order (the first is usually the HTTP server) when a stop signal arrives, then exits.
 * A second signal, or the deadline, exits at once.
 */
export function onShutdown(logger: Logger, closers: Closer[], deadlineMs = 4500): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.warn('shutdown deadline reached; exiting');
      process.exit(0);
    }, deadlineMs);
    deadline.unref();
    for (const closer of closers) {
      try {
        await closer.close();
      } catch (err) {
        logger.error({ err, closer: closer.name }, 'error while closing');
      }
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
