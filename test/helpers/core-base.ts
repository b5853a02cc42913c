/**
 * @module The product's core as main.ts composes it (core/compose.ts: `coreBase` and the `wire…` builders), over a
 * fresh in-memory store and a clock the test moves. Fixtures build their modules from this base with the same
 * builders main.ts calls, so none keeps its own copy of the wiring.
 */
import { coreBase, type CoreBase } from '../../core/compose.ts';
import { testConfig } from '../../core/config/config.ts';
import { silentLogger, type Logger } from '../../core/logging/logger.ts';
import type { Clock } from '../../core/ports/clock.ts';
import { openSqliteStore } from '../../core/store/sqlite/index.ts';
import type { Store } from '../../core/store/store.ts';

export function testBase(options: { clock: Clock; env?: Record<string, string>; store?: Store; logger?: Logger }): CoreBase {
  const store = options.store ?? openSqliteStore(':memory:');
  return coreBase(testConfig(options.env ?? {}), store, options.clock, options.logger ?? silentLogger);
}
