import type { Env } from '../process/find-executable.ts';
import type { AmqpHandle } from './amqp-handle.ts';
import { AmqpUnavailableError } from './amqp-unavailable-error.ts';
import { startLocalRabbitMq } from './local-rabbitmq.ts';
import { findRabbitMqServerScript } from './rabbitmq-server-script.ts';
import { startTestcontainersRabbitMq } from './testcontainers-rabbitmq.ts';

export type { AmqpHandle, AmqpOrigin } from './amqp-handle.ts';
export { AmqpUnavailableError, isAmqpUnavailableError } from './amqp-unavailable-error.ts';

export interface StartRabbitMqOptions {
  /** Read for AMQP_URL and PATH, and passed to a local node. Default: process.env. */
  readonly env?: Env;
}

/**
 * A RabbitMQ to talk to, from the first of these that works:
 * 1. `AMQP_URL` (amqp://user:password@host:port[/vhost]): used as is; `stop()` leaves it running.
 * 2. A private local node, when `rabbitmq-server` is on PATH (Debian: apt-get install rabbitmq-server).
 * 3. A testcontainers RabbitMQ, when a Docker engine answers.
 * Otherwise throws AmqpUnavailableError. A way that is available but then fails to start throws its
 * own error instead of falling through, so a broken setup is not hidden behind a slower one.
 */
export async function startRabbitMq(options: StartRabbitMqOptions = {}): Promise<AmqpHandle> {
  const env = options.env ?? process.env;
  const url = env.AMQP_URL?.trim() ?? '';
  if (url !== '') {
    const stop = async (): Promise<void> => {};
    return { url, origin: 'env', stop, [Symbol.asyncDispose]: stop };
  }

  const reasons = ['AMQP_URL is not set'];
  if (findRabbitMqServerScript(env) === undefined) {
    reasons.push('rabbitmq-server is not on PATH (Debian puts it in /usr/sbin)');
  } else {
    return startLocalRabbitMq({ env });
  }

  const container = await startTestcontainersRabbitMq();
  if ('url' in container) return container;
  reasons.push(container.unavailable);
  throw new AmqpUnavailableError(reasons);
}
