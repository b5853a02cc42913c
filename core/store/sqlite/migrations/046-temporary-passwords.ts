import type { Migration } from './index.ts';

/** A user given a temporary password (new, or reset by an administrator) must set their own at the next sign-in. */
export const temporaryPasswords: Migration = {
  id: 46,
  name: 'temporary-passwords',
  sql: `
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
`,
};
