/** @module The escalations port. Both stores (SQLite, MongoDB) implement it. */
import type { Escalation } from './model.ts';
import type { SettingsRepository } from '../settings/repository.ts';

/** Tickets moved to the supervisors after an SLA miss (STYLE 12). */
export interface EscalationRepository {
  /** Stores the escalation unless the ticket already has one for this reason; true when this call opened it. */
  open(escalation: Escalation): Promise<boolean>;
  /** Acknowledges an open escalation; false when it was already acknowledged or does not exist. */
  acknowledge(id: string, by: string, at: Date): Promise<boolean>;
  get(id: string): Promise<Escalation | null>;
  /** The ticket's escalations, oldest first. */
  forTicket(ticketId: string): Promise<Escalation[]>;
  /** Escalations nobody acknowledged yet, oldest first. */
  listOpen(limit: number): Promise<Escalation[]>;
}

/** The repositories the SLA policy reads and writes. */
export interface SlaRepositories {
  settings: SettingsRepository;
}
