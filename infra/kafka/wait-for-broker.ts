import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';

export interface WaitForBrokerOptions {
  readonly brokers: string[];
  readonly timeoutMs: number;
  /** Checked between attempts: a reason string stops the wait early (e.g. the broker process exited). */
  readonly failure: () => string | undefined;
}

/**
 * Resolves once a kafkajs admin can connect and list topics, which means the broker has joined its
 * own KRaft quorum and serves metadata. Rejects with the last connection error on timeout.
 */
export async function waitForBroker({ brokers, timeoutMs, failure }: WaitForBrokerOptions): Promise<void> {
  // kafkajs' own retries would hide the process exiting; this loop owns retrying instead.
  const kafka = new Kafka({
    clientId: 'corebridge-readiness',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt finished';
  for (;;) {
    const reason = failure();
    if (reason !== undefined) throw new Error(reason);
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    if (Date.now() >= deadline) throw new Error(`not ready after ${timeoutMs} ms (last error: ${lastError})`);
    await sleep(200);
  }
}
