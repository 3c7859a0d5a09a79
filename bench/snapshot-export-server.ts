import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { account, accountChunks } from './snapshot-accounts.ts';

/**
 * The ABS replica's export for the reconciliation benchmark, in a worker thread as the real ABS is
 * another machine: writing the JSON must not share the event loop that parses it. Posts its URL.
 */
const { accounts } = workerData as { accounts: number };
const server = createServer(async (_request, response) => {
  response.setHeader('content-type', 'application/x-ndjson');
  const header = `${JSON.stringify({ snapshotAt: new Date().toISOString(), accounts })}\n`;
  for (const chunk of accountChunks(accounts, (i) => `${JSON.stringify(account(i))}\n`, header))
    if (!response.write(chunk)) await once(response, 'drain');
  response.end();
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
parentPort?.postMessage(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
parentPort?.once('message', () => server.close());
