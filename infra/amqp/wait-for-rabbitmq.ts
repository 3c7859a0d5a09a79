import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'amqplib';

export interface WaitForRabbitMqOptions {
  readonly url: string;
  readonly timeoutMs: number;
  /** Checked between attempts: a reason string stops the wait early (e.g. the node exited). */
  readonly failure: () => string | undefined;
}

/**
 * Resolves once an AMQP client can log in and open a channel. RabbitMQ opens its AMQP listener as
 * the last boot step, so this means the node is ready. Rejects with the last error on timeout.
 */
export async function waitForRabbitMq({ url, timeoutMs, failure }: WaitForRabbitMqOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt finished';
  for (;;) {
    const reason = failure();
    if (reason !== undefined) throw new Error(reason);
    try {
      const connection = await connect(url, { timeout: 1_000 });
      // A node that is still booting may drop the socket; that is one more failed attempt, not a crash.
      connection.on('error', () => undefined);
      try {
        await (await connection.createChannel()).close();
        return;
      } finally {
        await connection.close().catch(() => undefined);
      }
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new Error(`not ready after ${timeoutMs} ms (last error: ${lastError})`);
    await sleep(200);
  }
}
