import { once } from 'node:events';
import type { Request, Response } from 'express';
import type { Clock } from '../../infra/clock.ts';
import type { AbsStore } from './abs-store.ts';

/**
 * The nightly bulk export from the ABS read replica: one NDJSON line per account with its balance
 * and last posting sequence, streamed with backpressure so a million accounts never sit in memory
 * as one response. The first line says when the snapshot was taken and how many accounts follow.
 */
export function absSnapshotRoute(store: AbsStore, clock: Clock) {
  return async (_request: Request, response: Response): Promise<void> => {
    const accounts = store.allAccounts();
    response.setHeader('content-type', 'application/x-ndjson');
    response.write(
      `${JSON.stringify({ snapshotAt: new Date(clock.now()).toISOString(), accounts: accounts.length })}\n`,
    );
    for (const account of accounts) {
      if (!response.write(`${JSON.stringify(account)}\n`)) await once(response, 'drain');
    }
    response.end();
  };
}
