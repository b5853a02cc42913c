/**
 * @module What every benchmark gets from the runner: a scratch folder (deleted at the end), a progress line
 * printer, the shared million-ticket store (generated once per run, used by the console and cold-start
 * benchmarks), and the environment the product is started with in a benchmark.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../helpers/spawn-product.ts';
import { generateConsoleDataset, type ConsoleDataset } from './dataset.ts';

/** The console/cold-start data set: a million tickets, ten transcript messages each, 2 % still active. */
export const MILLION = { tickets: 1_000_000, messagesPerTicket: 10, active: 20_000 } as const;

/** Console administrator password used by benchmarks that sign in. */
export const ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchContext {
  /** A fresh folder under the run's scratch folder. */
  dir(name: string): string;
  log(line: string): void;
  /** The million-ticket store (generated on first use). */
  millionStore(): Promise<ConsoleDataset>;
  /** Quick mode (`--quick`): smaller data and fewer repetitions, for trying the harness out. */
  quick: boolean;
}

/** The context for one run, with scratch folders under `root`. */
export function createContext(root: string, quick: boolean, log: (line: string) => void): BenchContext {
  let million: Promise<ConsoleDataset> | null = null;
  const dir = (name: string) => {
    const path = join(root, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  return {
    dir,
    log,
    quick,
    millionStore() {
      million ??= Promise.resolve().then(() => {
        const size = quick ? { tickets: 50_000, messagesPerTicket: 10, active: 1_000 } : MILLION;
        log(`generating the store: ${size.tickets.toLocaleString('en')} tickets × ${size.messagesPerTicket} messages …`);
        const ds = generateConsoleDataset(dir('million'), size.tickets, size.messagesPerTicket, size.active);
        log(
          `  generated in ${((ds.ticketsMs + ds.indexMs + ds.messagesMs) / 1000).toFixed(1)} s ` +
            `(tickets ${(ds.ticketsMs / 1000).toFixed(1)} s, their indexes ${(ds.indexMs / 1000).toFixed(1)} s, ` +
            `messages ${(ds.messagesMs / 1000).toFixed(1)} s); file ${(ds.bytes / 2 ** 30).toFixed(2)} GiB`,
        );
        return ds;
      });
      return million;
    },
  };
}

/** Environment for a benchmarked product: quiet, no demo data, scheduler ticking only when the benchmark says. */
export async function productEnv(dataDir: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    ADMIN_PASSWORD,
    SCHEDULER_INTERVAL_MS: String(3_600_000),
    ...extra,
  };
}
