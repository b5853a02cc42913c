/**
 * @module The product's secret key (keys the one-time-code hashes): SECRET_KEY when set, otherwise a random key
 * generated once and kept in `DATA_DIR/secret.key` (mode 0600), so codes survive restarts without configuration.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';

const cache = new Map<string, Buffer>();

/**
 * Returns the secret key bytes. With DATA_DIR ':memory:' and no SECRET_KEY the key lives for the process only.
 * @example const key = loadOrCreateSecretKey(config); // Buffer of at least 32 bytes
 */
export function loadOrCreateSecretKey(config: Pick<Config, 'SECRET_KEY' | 'DATA_DIR'>): Buffer {
  if (config.SECRET_KEY) return Buffer.from(config.SECRET_KEY, 'utf8');
  const cached = cache.get(config.DATA_DIR);
  if (cached) return cached;
  let key: Buffer;
  if (config.DATA_DIR === ':memory:') {
    key = randomBytes(32);
  } else {
    const file = join(config.DATA_DIR, 'secret.key');
    if (existsSync(file)) {
      key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
      if (key.length < 32) throw new Error(`${file} holds no usable key; delete it to generate a new one`);
    } else {
      mkdirSync(config.DATA_DIR, { recursive: true });
      key = randomBytes(32);
      // 'wx' fails if another process created it in between; then read theirs.
      try {
        writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      } catch {
        key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
      }
    }
  }
  cache.set(config.DATA_DIR, key);
  return key;
}
