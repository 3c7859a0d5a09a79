import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ErrorCatalogue, errorCatalogue } from '../infra/http/error-catalogue.ts';
import { errorTable } from '../infra/http/error-table.ts';
import { SIMULATOR_ERRORS } from '../simulator/simulator-errors.ts';
import { SYNC_ERRORS } from '../sync-service/http/sync-errors.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The table between `<!-- errors:<name> -->` and `<!-- /errors:<name> -->` in the README. */
function readmeTable(name: string): string {
  const match = README.match(new RegExp(`<!-- errors:${name} -->\\n([\\s\\S]*?)\\n<!-- /errors:${name} -->`));
  if (!match?.[1])
    throw new Error(`The README has no <!-- errors:${name} --> … <!-- /errors:${name} --> table.`);
  return match[1];
}

const codesOf = (table: string) => [...table.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);

describe.each([
  ['sync-service', SYNC_ERRORS],
  ['simulator', SIMULATOR_ERRORS],
] as [string, ErrorCatalogue][])('the %s error catalogue', (name, catalogue) => {
  const entries = Object.entries(catalogue);

  it('names each entry by its code, a 4xx or 5xx status and one documentation line', () => {
    for (const [key, entry] of entries) {
      expect(entry.code, key).toBe(key);
      expect(entry.code, key).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(entry.status >= 400 && entry.status <= 599, `${key} ${entry.status}`).toBe(true);
      expect(entry.doc.trim().length, key).toBeGreaterThan(10);
      expect(entry.doc, key).not.toContain('\n');
    }
  });

  it('holds each code once', () => {
    const codes = entries.map(([, entry]) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("is the README's table, code for code, status for status, line for line", () => {
    const table = readmeTable(name);
    const documented = codesOf(table);
    const catalogued = entries.map(([code]) => code);
    // Which codes are in one but not the other, before the whole-table diff that shows the rest.
    expect({
      inReadmeOnly: documented.filter((code) => !catalogued.includes(code as string)),
      inCatalogueOnly: catalogued.filter((code) => !documented.includes(code)),
    }).toEqual({ inReadmeOnly: [], inCatalogueOnly: [] });
    expect(table, 'paste errorTable(catalogue) into the README').toBe(errorTable(catalogue));
  });
});

describe('errorCatalogue', () => {
  it('refuses a code defined twice, rather than letting one status win', () => {
    expect(() =>
      errorCatalogue({ NOT_FOUND: { status: 404, doc: 'x' } }, { NOT_FOUND: { status: 410, doc: 'y' } }),
    ).toThrow('NOT_FOUND is defined twice');
  });
});
