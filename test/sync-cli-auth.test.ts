import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../infra/clock.ts';
import { freePort } from '../infra/free-port.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { terminateProcess } from '../infra/process/terminate-process.ts';
import { type Simulator, startSimulator } from '../simulator/start-simulator.ts';
import { testDatabase } from './test-database.ts';

const CLI = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const brokers = inject('kafkaBrokers');
if (!brokers) process.stderr.write(`corebridge sync start tests skipped: ${inject('kafkaUnavailable')}\n`);

/** The environment without any AUTH_* of the developer's shell, so the refusal is the test's. */
const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AUTH_')));

describe('corebridge sync: authentication on by default', () => {
  it('refuses to start without token settings, naming the variables and --no-auth', async () => {
    const run = promisify(execFile)(process.execPath, [CLI, 'sync', '--abs-url', 'http://127.0.0.1:9'], {
      env: { ...cleanEnv(), KAFKA_BROKERS: '127.0.0.1:9' },
    });
    const failed = (await run.then(
      () => undefined,
      (error: unknown) => error,
    )) as {
      code: number;
      stderr: string;
    };
    expect(failed?.code).toBe(2);
    expect(failed.stderr).toContain(
      'Failed to start the sync service: authentication is on and AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL or AUTH_PUBLIC_KEY or AUTH_SHARED_SECRET are not set.',
    );
    expect(failed.stderr).toContain('--no-auth');
  });

  describe.skipIf(!brokers)('a started process', () => {
    let sim: Simulator;
    const bus = createMemoryBus();
    beforeAll(async () => {
      sim = await startSimulator({
        seed: 5,
        dataset: { organisations: 2, accountsPerOrganisation: 1 },
        bus,
        clock: systemClock,
      });
    });
    afterAll(async () => {
      await sim.stop();
      await bus.stop();
    });

    async function startSync(args: string[], env: Record<string, string>): Promise<[ChildProcess, string]> {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        [
          CLI,
          'sync',
          '--abs-url',
          sim.url,
          '--port',
          String(port),
          '--no-reconcile',
          '--no-validate',
          ...args,
        ],
        {
          env: {
            ...cleanEnv(),
            ...env,
            DATABASE_URL: await testDatabase('sync_cli_auth'),
            KAFKA_BROKERS: (brokers ?? []).join(','),
            LOG_LEVEL: 'error',
          },
          stdio: 'ignore',
        },
      );
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 300; i++) {
        const live = await fetch(`${url}/health/live`).catch(() => undefined);
        if (live?.ok) return [child, url];
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await terminateProcess(child);
      throw new Error(`the sync process did not come up (exit ${child.exitCode})`);
    }
    const topic = () => ['--topic-prefix', `cliauth${randomUUID().slice(0, 6)}.`];

    it('--no-auth starts, and serves the APIs without a token', async () => {
      const [child, url] = await startSync(['--no-auth', ...topic()], {});
      try {
        expect((await fetch(`${url}/api/v1/conflicts`)).status).toBe(200);
        expect((await fetch(`${url}/metrics`)).status).toBe(200);
      } finally {
        await terminateProcess(child);
      }
    }, 60_000);

    it('AUTH_* from the environment: no token 401, a token with the scope 200; --open-metrics', async () => {
      const keys = await generateKeyPair('ES256');
      const publicKey = (await exportSPKI(keys.publicKey)).replaceAll('\n', '\\n'); // as one env line
      const [child, url] = await startSync(['--open-metrics', ...topic()], {
        AUTH_ISSUER: 'https://idp.test/',
        AUTH_AUDIENCE: 'sync',
        AUTH_PUBLIC_KEY: publicKey,
      });
      try {
        expect((await fetch(`${url}/api/v1/conflicts`)).status).toBe(401);
        const token = await new SignJWT({ scope: 'conflicts:resolve' })
          .setProtectedHeader({ alg: 'ES256' })
          .setIssuer('https://idp.test/')
          .setAudience('sync')
          .setExpirationTime('1m')
          .sign(keys.privateKey);
        const answer = await fetch(`${url}/api/v1/conflicts`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(answer.status).toBe(200);
        expect((await fetch(`${url}/health/live`)).status).toBe(200);
        expect((await fetch(`${url}/metrics`)).status).toBe(200);
      } finally {
        await terminateProcess(child);
      }
    }, 60_000);
  });
});
