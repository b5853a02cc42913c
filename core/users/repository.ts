/** @module The console users and sessions port. Both stores (SQLite, MongoDB) implement it. */
import type { ConsoleSession, ConsoleUser } from './model.ts';
import type { AuditRepository } from '../audit/repository.ts';
import type { ThrottleRepository } from '../throttle/repository.ts';

export interface UserRepository {
  create(user: ConsoleUser): Promise<void>;
  get(id: string): Promise<ConsoleUser | null>;
  findByEmail(email: string): Promise<ConsoleUser | null>;
  list(): Promise<ConsoleUser[]>;
  update(id: string, patch: Partial<Omit<ConsoleUser, 'id' | 'createdAt'>>): Promise<void>;
  count(): Promise<number>;
}

export interface ConsoleSessionRepository {
  create(session: ConsoleSession): Promise<void>;
  get(id: string, now: Date): Promise<ConsoleSession | null>;
  delete(id: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

/** The repositories the console's users, sessions and sign-in use cases work on. */
export interface UserRepositories {
  users: UserRepository;
  consoleSessions: ConsoleSessionRepository;
  audit: AuditRepository;
  throttle: ThrottleRepository;
}
