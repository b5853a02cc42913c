/** @module What the campaign routes share: the acting user, ids from the path, and 404 for what does not exist. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Actor } from '../../../core/campaigns/index.ts';
import type { ConsoleEnv } from '../../context.ts';

export const actorOf = (c: Context<ConsoleEnv>): Actor => ({ type: 'user', id: c.get('user')!.id });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that must be a UUID; anything else is a 404 (never a store query with junk). */
export function idParam(c: Context<ConsoleEnv>, name: string): string {
  const id = c.req.param(name) ?? '';
  if (!UUID.test(id)) throw new HTTPException(404, { message: 'no such page' });
  return id;
}

/** The value, or a 404 page. */
export function found<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new HTTPException(404, { message: 'no such page' });
  return value;
}
