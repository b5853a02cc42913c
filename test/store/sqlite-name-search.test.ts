/**
 * The embedded store's name search reads a folded copy of each name (SQLite folds only ASCII letters): names stored
 * before that copy existed (an older store, an import of an older export) are folded when the store opens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';

describe('SQLite subscriber name search', () => {
  it('Should find a subscriber whose row has no folded name yet after the store is opened again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'names-'));
    try {
      const first = openSqliteStore(dir);
      first.db.prepare(`INSERT INTO subscribers (id, full_name, phone, iin, category, language, notifications_muted, created_at, name_key)
        VALUES ('old', 'ГҮЛНАР ОМАРОВА', '+77011110000', NULL, 'individual', NULL, 0, 0, NULL)`).run();
      expect(await first.subscribers.searchByName('гүлнар', 10)).toEqual([]);
      await first.close();
      const again = openSqliteStore(dir);
      expect((await again.subscribers.searchByName('гүлнар омар', 10)).map((s) => s.id)).toEqual(['old']);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
