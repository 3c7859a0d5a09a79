import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { SnapshotCopyRows } from './snapshot-copy-rows.ts';

const account = {
  id: '00000000-0000-4000-8000-000000000001',
  organisationId: '11111111-0000-4000-8000-000000000001',
  number: '40702810400000000001',
  currency: 'RUB',
  balanceMinor: -1250,
  lastSequence: 7,
};
const header = (accounts: number) => JSON.stringify({ snapshotAt: '2026-11-21T03:00:00.000Z', accounts });

async function convert(chunks: string[]): Promise<{ rows: string; transform: SnapshotCopyRows }> {
  const transform = new SnapshotCopyRows();
  let rows = '';
  await pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), transform, async (source) => {
    for await (const chunk of source) rows += chunk.toString();
  });
  return { rows, transform };
}

describe('SnapshotCopyRows', () => {
  it('turns NDJSON into COPY rows, whatever the chunk boundaries', async () => {
    const text = `${header(2)}\n${JSON.stringify(account)}\n${JSON.stringify({ ...account, lastSequence: 0 })}\n`;
    const { rows, transform } = await convert([text.slice(0, 17), text.slice(17, 150), text.slice(150)]);
    const row = `${account.id}\t${account.organisationId}\t${account.number}\tRUB\t-1250`;
    expect(rows).toBe(`${row}\t7\n${row}\t0\n`);
    expect(transform.header).toEqual({ snapshotAt: '2026-11-21T03:00:00.000Z', accounts: 2 });
    expect(transform.rows).toBe(2);
  });

  it('takes a last line without a newline', async () => {
    const { transform } = await convert([`${header(1)}\n${JSON.stringify(account)}`]);
    expect(transform.rows).toBe(1);
  });

  it('refuses a value that could break out of a COPY field', async () => {
    await expect(
      convert([`${header(1)}\n${JSON.stringify({ ...account, currency: 'R\tB' })}\n`]),
    ).rejects.toThrow(
      'Failed to read the ABS snapshot: line 2 has no valid currency ("R\\tB"). Check the replica export.',
    );
  });

  it('refuses a missing header and an empty export', async () => {
    await expect(convert([`${JSON.stringify(account)}\n`])).rejects.toThrow(
      'Failed to read the ABS snapshot: line 1 is not a header {snapshotAt, accounts}. Check the replica export.',
    );
    await expect(convert([''])).rejects.toThrow('Failed to read the ABS snapshot: it is empty.');
  });
});
