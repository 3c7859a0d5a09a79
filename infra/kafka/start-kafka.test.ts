import { afterEach, describe, expect, it, vi } from 'vitest';
import { isKafkaUnavailableError } from './kafka-unavailable-error.ts';
import { startKafka } from './start-kafka.ts';

describe('startKafka', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses KAFKA_BROKERS as given and leaves that cluster alone on stop', async () => {
    const kafka = await startKafka({ env: { KAFKA_BROKERS: ' 10.1.1.1:9092 , 10.1.1.2:9092 ' } });
    expect(kafka).toMatchObject({ origin: 'env', brokers: ['10.1.1.1:9092', '10.1.1.2:9092'] });
    await kafka.stop();
  });

  it('names all three ways to get a broker when none is available', async () => {
    // No KAFKA_BROKERS, no java or mvn on PATH, and (testcontainers reads process.env) no Docker engine.
    vi.stubEnv('DOCKER_HOST', 'unix:///nonexistent/docker.sock');
    const env = { PATH: '/nonexistent', HOME: '/nonexistent' };
    const error = await startKafka({ env }).catch((e: unknown) => e);
    expect(isKafkaUnavailableError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(/KAFKA_BROKERS/);
    expect(message).toMatch(/Java 17/);
    expect(message).toMatch(/Docker/);
  });
});
