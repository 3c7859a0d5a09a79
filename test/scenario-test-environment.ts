import { inject } from 'vitest';
import { createKafkaBus } from '../infra/kafka/kafka-bus.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { createDatabase } from '../infra/postgres/start-postgres.ts';
import type { ScenarioEnvironment } from '../scenarios/runner/scenario-environment.ts';

let runs = 0;

/**
 * A scenario environment on the test run's PostgreSQL and, for `kafka`, its broker: each run a
 * database and topics of its own, named after `name`. `prepareDatabase` runs on each new database
 * before the sync service starts (a test that takes a protection away does it there).
 */
export function scenarioTestEnvironment(
  kind: 'memory' | 'kafka',
  name: string,
  prepareDatabase?: (url: string) => Promise<void>,
): ScenarioEnvironment {
  const id = () => `${name.replaceAll('-', '_')}_${kind}_${process.pid}_${runs++}`;
  return {
    busKind: kind,
    describe: kind,
    async newDatabase() {
      const url = await createDatabase(inject('postgresUrl'), id());
      await prepareDatabase?.(url);
      return url;
    },
    newBus: () =>
      kind === 'kafka'
        ? createKafkaBus({ brokers: inject('kafkaBrokers') ?? [], clientId: name, topicPrefix: `${id()}.` })
        : createMemoryBus(),
    stop: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
}
