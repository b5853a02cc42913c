/**
 * @module Imports run in the background of this instance: started at once after an upload, and again by the
 * watchdog job for any import whose runner died (its lease ran out). Stopping the product stops the runners between
 * batches; another start resumes them from their checkpoint.
 */
import { randomUUID } from 'node:crypto';
import { runImport, type ImportDeps } from './run-import.ts';

export class ImportRunner {
  private readonly owner = `imports-${randomUUID()}`;
  private readonly running = new Map<string, Promise<void>>();
  private halted = false;

  constructor(private readonly deps: ImportDeps) {}

  get stopped(): boolean {
    return this.halted;
  }

  /** Starts the import in the background unless it already runs here (another instance's lease keeps it there). */
  start(importId: string): void {
    if (this.halted || this.running.has(importId)) return;
    const run = runImport(this.deps, importId, this.owner, this)
      .catch((err: unknown) => this.deps.logger.error({ err, importId }, 'call-list import failed; the watchdog will retry it'))
      .finally(() => this.running.delete(importId));
    this.running.set(importId, run);
  }

  /** Starts every unfinished import (those running elsewhere return at once). */
  async resumeUnfinished(): Promise<number> {
    const unfinished = await this.deps.imports.listUnfinished(20);
    for (const record of unfinished) this.start(record.id);
    return unfinished.length;
  }

  /** Resolves when the imports running here have returned. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  async stop(): Promise<void> {
    this.halted = true;
    await this.idle();
  }
}
