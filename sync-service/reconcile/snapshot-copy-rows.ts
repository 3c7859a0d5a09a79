import { Transform, type TransformCallback } from 'node:stream';

/** The first line of the ABS replica export: when it was taken and how many accounts follow. */
export interface SnapshotHeader {
  readonly snapshotAt: string;
  readonly accounts: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT_NUMBER = /^\d{20}$/;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * Turns the snapshot's NDJSON into rows of PostgreSQL's COPY text format, one account per row,
 * without ever holding more than one chunk: the export of a million accounts streams straight into
 * the staging table. Every field is checked by hand rather than by the zod contract because this
 * runs a million times a night; the checks also guarantee no tab, newline or backslash reaches COPY.
 * A stream that ends before the promised number of accounts fails: a cut-off export must not look
 * like a complete one.
 */
export class SnapshotCopyRows extends Transform {
  header: SnapshotHeader | undefined;
  rows = 0;
  private line = 0;
  private rest = '';

  constructor() {
    super({ readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      const text = this.rest + chunk.toString('utf8');
      const lines = text.split('\n');
      this.rest = lines.pop() ?? '';
      let out = '';
      for (const line of lines) out += this.row(line);
      done(null, out);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const out = this.row(this.rest);
      if (!this.header)
        throw new Error('Failed to read the ABS snapshot: it is empty. Check the replica export.');
      if (this.rows !== this.header.accounts)
        throw new Error(
          `Failed to read the ABS snapshot: it promised ${this.header.accounts} accounts and ended after ${this.rows}. The export was cut off; run the reconciliation again.`,
        );
      done(null, out);
    } catch (error) {
      done(error as Error);
    }
  }

  private row(line: string): string {
    if (line.trim() === '') return '';
    this.line += 1;
    const value = this.parse(line);
    if (!this.header) {
      this.header = header(value, this.line);
      return '';
    }
    const a = value as Record<string, unknown>;
    const bad = (field: string) =>
      new Error(
        `Failed to read the ABS snapshot: line ${this.line} has no valid ${field} (${JSON.stringify(a[field])}). Check the replica export.`,
      );
    if (typeof a.id !== 'string' || !UUID.test(a.id)) throw bad('id');
    if (typeof a.organisationId !== 'string' || !UUID.test(a.organisationId)) throw bad('organisationId');
    if (typeof a.number !== 'string' || !ACCOUNT_NUMBER.test(a.number)) throw bad('number');
    if (typeof a.currency !== 'string' || !CURRENCY.test(a.currency)) throw bad('currency');
    if (!Number.isSafeInteger(a.balanceMinor)) throw bad('balanceMinor');
    if (!Number.isSafeInteger(a.lastSequence) || (a.lastSequence as number) < 0) throw bad('lastSequence');
    this.rows += 1;
    return `${a.id}\t${a.organisationId}\t${a.number}\t${a.currency}\t${a.balanceMinor}\t${a.lastSequence}\n`;
  }

  private parse(line: string): unknown {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(
        `Failed to read the ABS snapshot: line ${this.line} is not JSON (${line.slice(0, 80)}). Check the replica export.`,
      );
    }
  }
}

function header(value: unknown, line: number): SnapshotHeader {
  const h = value as Partial<SnapshotHeader> | null;
  if (
    typeof h?.snapshotAt !== 'string' ||
    Number.isNaN(Date.parse(h.snapshotAt)) ||
    !Number.isSafeInteger(h.accounts) ||
    (h.accounts as number) < 0
  )
    throw new Error(
      `Failed to read the ABS snapshot: line ${line} is not a header {snapshotAt, accounts}. Check the replica export.`,
    );
  return { snapshotAt: h.snapshotAt, accounts: h.accounts as number };
}
