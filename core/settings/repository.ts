/**
 * @module The settings port: small named values the console changes at run time. Both stores (SQLite,
 * MongoDB) implement it.
 */
export interface SettingsRepository {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
}
