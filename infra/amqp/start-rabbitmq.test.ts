import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAmqpUnavailableError } from './amqp-unavailable-error.ts';
import { startRabbitMq } from './start-rabbitmq.ts';

describe('startRabbitMq', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses AMQP_URL as given and leaves that broker alone on stop', async () => {
    const rabbit = await startRabbitMq({ env: { AMQP_URL: ' amqp://u:p@10.1.1.1:5672/feeds ' } });
    expect(rabbit).toMatchObject({ origin: 'env', url: 'amqp://u:p@10.1.1.1:5672/feeds' });
    await rabbit.stop();
  });

  it('names all three ways to get a broker when none is available', async () => {
    // No AMQP_URL, no rabbitmq-server on PATH, and (testcontainers reads process.env) no Docker engine.
    vi.stubEnv('DOCKER_HOST', 'unix:///nonexistent/docker.sock');
    const error = await startRabbitMq({ env: { PATH: '/nonexistent', HOME: '/nonexistent' } }).catch(
      (e: unknown) => e,
    );
    expect(isAmqpUnavailableError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/AMQP_URL/);
    expect(message).toMatch(/rabbitmq-server/);
    expect(message).toMatch(/Docker/);
  });
});
