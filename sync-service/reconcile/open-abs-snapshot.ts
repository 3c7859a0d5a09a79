import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { SourceUnavailableError } from '../http/get-json.ts';

/** Where a reconciliation reads the snapshot from: the ABS replica in production, anything in a benchmark. */
export type SnapshotSource = () => Promise<Readable>;

/**
 * The ABS read replica's nightly export as one streamed NDJSON response. It takes no ABS pull slot:
 * the slots protect the primary's REST API from concurrency (incident I1), while this is a single
 * long request to the replica, at most one at a time across all instances (the reconciliation lock).
 */
export function absSnapshotSource(absUrl: string, connectTimeoutMs = 10_000): SnapshotSource {
  return async () => {
    const url = `${absUrl}/abs/replica/v1/snapshot`;
    // The timeout covers only the wait for the headers: the body of a million accounts takes longer.
    const abort = new AbortController();
    const timer = setTimeout(
      () => abort.abort(new Error(`no answer in ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );
    let response: Response;
    try {
      response = await fetch(url, { signal: abort.signal });
    } catch (error) {
      throw new SourceUnavailableError(
        `Failed to open the ABS snapshot at ${url}: ${(error as Error).message}. Check the ABS replica URL and that it is up.`,
      );
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new SourceUnavailableError(
        `Failed to open the ABS snapshot at ${url}: HTTP ${response.status}. Check the ABS replica URL and that it is up.`,
      );
    }
    return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  };
}
