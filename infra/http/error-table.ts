import type { ErrorCatalogue } from './error-catalogue.ts';

/**
 * A catalogue as the Markdown table the README shows, in the catalogue's order. The README's
 * tables are checked against this, so a code added, dropped or re-documented shows up there too.
 */
export function errorTable(catalogue: ErrorCatalogue): string {
  const rows = Object.values(catalogue).map(
    (entry) => `| \`${entry.code}\` | ${entry.status} | ${entry.doc.replaceAll('|', '\\|')} |`,
  );
  return ['| code | status | when |', '|---|---|---|', ...rows].join('\n');
}
