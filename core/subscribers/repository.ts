/** @module The subscribers port. Both stores (SQLite, MongoDB) implement it. */
import type { Language } from '../i18n/model.ts';
import type { Subscriber } from './model.ts';

export interface SubscriberRepository {
  create(subscriber: Subscriber): Promise<void>;
  get(id: string): Promise<Subscriber | null>;
  findByPhone(phone: string): Promise<Subscriber | null>;
  /**
   * Subscribers whose full name contains every word of `text`, in any letter case (Cyrillic included), by name;
   * at most `limit`. Reads every subscriber's name: for a search an agent runs, not for a hot path.
   */
  searchByName(text: string, limit: number): Promise<Subscriber[]>;
  setLanguage(id: string, language: Language): Promise<void>;
  setNotificationsMuted(id: string, muted: boolean): Promise<void>;
  count(): Promise<number>;
}
