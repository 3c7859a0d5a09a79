import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createDatabase } from '../infra/postgres/start-postgres.ts';

/** A fresh, empty database on the run's PostgreSQL server, so test files never see each other's rows. */
export function testDatabase(prefix: string): Promise<string> {
  return createDatabase(inject('postgresUrl'), `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 10)}`);
}
