/**
 * @module The limits of a call-list import, in one place: what a file may weigh and hold before it is refused with a
 * clear message, and how the work is sliced so a 100,000-row file never blocks the server.
 */
import { ExpectedError } from '../../errors.ts';

/** Data rows per file. */
export const MAX_ROWS = 100_000;
/** Columns per row: call lists have six; a file with hundreds is not a call list. */
export const MAX_COLUMNS = 100;
/** Characters per cell. */
export const MAX_CELL = 500;
/** Characters per CSV record, a guard against a wrong delimiter or a binary file read as text. */
export const MAX_RECORD_CHARS = 64 * 1024;
/** Contacts one campaign may hold: rows beyond it are reported as "over the size limit". */
export const MAX_CONTACTS_PER_CAMPAIGN = 200_000;
/** Rows applied per transaction (the checkpoint moves with each). */
export const BATCH_ROWS = 250;
/** Rows read between two yields to the event loop, so other requests wait at most for this many. */
export const YIELD_ROWS = 100;
/** Slices the uploaded file is kept in. */
export const CHUNK_BYTES = 1024 * 1024;
/** At most this many tags per contact, each this long. */
export const MAX_TAGS = 10;
export const MAX_TAG = 40;

/** A file the import refuses as a whole (nothing is imported); `reason` is a key in `campaigns:`. */
export class ImportFileError extends ExpectedError {
  constructor(reason: string, params: Record<string, string | number> = {}) {
    super(`call-list file refused: ${reason}`, reason, params);
  }
}
