/**
 * @module The validation report of an import as a CSV file to download (csv-stringify, UTF-8 with a BOM so Excel shows
 * Cyrillic correctly): one line per problem — line, column, value, reason, what happened — read from the store page by
 * page. Every cell goes out through `spreadsheetCsv`, so a value a spreadsheet would run as a formula (and any cell
 * starting with `=`, `+`, `-`, `@`) is prefixed with an apostrophe.
 */
import type { Translate } from '../../i18n/i18n.ts';
import type { CallListImportRepository } from '../repository.ts';
import { spreadsheetCsv } from '../../spreadsheets/safe-cell.ts';

const PAGE = 1000;

/** The report's CSV text, chunk by chunk. */
export async function* reportCsv(imports: Pick<CallListImportRepository, 'issues'>, importId: string, t: Translate): AsyncGenerator<string> {
  const out = spreadsheetCsv();
  const rows = (async () => {
    out.write(['line', 'column', 'value', 'reason', 'outcome'].map((k) => t(`campaigns:import.report.${k}`)));
    let afterLine = 0;
    for (;;) {
      const page = await imports.issues(importId, { afterLine, limit: PAGE });
      const full = page.length === PAGE;
      // A full page may end inside a line (a line has at most one issue per column): leave that line for the next page.
      const lastLine = page[page.length - 1]?.line ?? 0;
      for (const i of full ? page.filter((x) => x.line < lastLine) : page) {
        const merged = i.reason === 'duplicate' && i.mergedIntoLine !== null ? ` (${t('campaigns:import.report.merged_into', { line: i.mergedIntoLine })})` : '';
        out.write([
          String(i.line), i.column ? t(`campaigns:import.field.${i.column}`) : '', i.value ?? '',
          t(`campaigns:import.reason.${i.reason}`) + merged, t(`campaigns:import.outcome.${i.outcome}`),
        ]);
      }
      if (!full) break;
      afterLine = lastLine - 1;
    }
    out.end();
  })();
  for await (const chunk of out) yield String(chunk);
  await rows;
}
