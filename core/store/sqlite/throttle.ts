/** @module SQLite repository for throttle hits (core/throttle). */
import { randomUUID } from 'node:crypto';
import type { ThrottleRepository } from '../../throttle/repository.ts';
import { date, ms, type Db } from './database.ts';

export function sqliteThrottle(db: Db): ThrottleRepository {
  const insert = db.prepare('INSERT INTO throttle_hits (id, scope, key, value, at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const times = db.prepare('SELECT at FROM throttle_hits WHERE scope = ? AND key = ? AND at >= ? ORDER BY at, rowid').pluck();
  const values = db.prepare('SELECT DISTINCT value FROM throttle_hits WHERE scope = ? AND key = ? AND at >= ? AND value IS NOT NULL ORDER BY value').pluck();
  const clear = db.prepare('DELETE FROM throttle_hits WHERE scope = ? AND key = ?');
  const purge = db.prepare('DELETE FROM throttle_hits WHERE id IN (SELECT id FROM throttle_hits WHERE expires_at < ? LIMIT ?)');
  return {
    async hit(h) {
      insert.run(randomUUID(), h.scope, h.key, h.value, ms(h.at), ms(h.expiresAt));
    },
    async times(scope, key, since) {
      return (times.all(scope, key, ms(since)) as number[]).map(date);
    },
    async distinctValues(scope, key, since) {
      return values.all(scope, key, ms(since)) as string[];
    },
    async clear(scope, key) {
      clear.run(scope, key);
    },
    async purge(now, limit) {
      return purge.run(ms(now), limit).changes;
    },
  };
}
