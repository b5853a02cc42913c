/** @module Console users, their roles and their signed-in sessions. */
import type { Language } from '../i18n/model.ts';

export type Role = 'agent' | 'second_line' | 'supervisor' | 'marketing' | 'observer' | 'admin';

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: Role[];
  language: Language;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  /** Signed in with a temporary password (new user, reset): must set their own before doing anything else. */
  mustChangePassword?: boolean;
}

export interface ConsoleSession {
  /** A hash of the cookie token; the token itself is never stored. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}
