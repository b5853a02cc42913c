/** @module A persisted timer or outbox item. */
/** A persisted timer or outbox item, fired once by whichever instance claims it. */
export interface Job {
  id: string;
  kind: string;
  /** Unique per pending job: scheduling the same key twice keeps one job (the later due time wins). */
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
}
