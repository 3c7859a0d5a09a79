import { randomUUID } from 'node:crypto';
import { describe, inject } from 'vitest';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { eventBusConformance } from './event-bus-conformance.ts';

const brokers = inject('kafkaBrokers');
if (!brokers) process.stderr.write(`Kafka event bus conformance skipped: ${inject('kafkaUnavailable')}\n`);

describe.skipIf(!brokers)('kafka event bus conformance (real broker)', () => {
  eventBusConformance(() =>
    createKafkaBus({
      brokers: brokers ?? [],
      clientId: 'conformance',
      topicPrefix: `t${randomUUID().slice(0, 6)}.`,
    }),
  );
});
