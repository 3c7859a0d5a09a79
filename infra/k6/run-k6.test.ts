import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutTool } from '../../test/missing-tool.ts';
import { findExecutable } from '../process/find-executable.ts';
import { k6Binary } from './k6-binary.ts';
import { K6_THRESHOLDS_FAILED, runK6 } from './run-k6.ts';

// A cached build or K6_BIN answers at once; building here (Go, no cache) takes minutes.
let k6: string | undefined;
let missing: string | undefined;
try {
  k6 = await k6Binary({ env: process.env, go: findExecutable('go', process.env), progress: () => {} });
} catch (error) {
  missing = (error as Error).message;
}

/** A tiny script: GETs `/` and checks the status is `expected`, so the `checks` threshold holds or not. */
const script = (expected: number) => `
import http from 'k6/http';
import { check } from 'k6';
export const options = {
  scenarios: { tiny: { executor: 'constant-arrival-rate', rate: 20, timeUnit: '1s', duration: '2s', preAllocatedVUs: 4 } },
  thresholds: { checks: ['rate>0.99'], dropped_iterations: ['count==0'] },
};
export default function () {
  check(http.get(__ENV.SYNC_URL), { 'status as expected': (r) => r.status === ${expected} });
}
`;

describe.skipIf(skipWithoutTool('k6 launcher (real k6)', missing))('k6 launcher, real k6', () => {
  let server: Server;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    if (k6 === undefined) throw new Error(missing);
    server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    dir = await mkdtemp(join(tmpdir(), 'k6-test-'));
  });
  afterAll(async () => {
    server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = async (expected: number) => {
    const file = join(dir, `tiny-${expected}.k6.ts`);
    await writeFile(file, script(expected));
    return runK6({
      binary: k6 as string,
      script: file,
      scriptEnv: { SYNC_URL: url },
      env: process.env,
      echo: false,
      systemIsLocal: true,
    });
  };

  it('passes when every threshold holds, with per-second buckets and k6’s CPU beside the system’s', async () => {
    const result = await run(200);
    expect(result.exitCode).toBe(0);
    expect(result.passed).toBe(true);
    expect(result.thresholds).toContainEqual({ metric: 'checks', expression: 'rate>0.99', passed: true });
    expect(result.metrics.http_reqs?.count).toBeGreaterThanOrEqual(30);
    expect(result.series.reduce((sum, b) => sum + b.rps, 0)).toBe(result.metrics.http_reqs?.count);
    expect(result.cpu.k6Ms).toBeGreaterThan(0);
    expect(result.cpu.systemMs).toBeGreaterThan(0);
    expect(result.cpu.clientBound).toBe(result.cpu.k6Ms > (result.cpu.systemMs ?? 0) / 2);
  });

  it('reports a breached threshold as a failure (k6 exits 99)', async () => {
    const result = await run(418);
    expect(result.exitCode).toBe(K6_THRESHOLDS_FAILED);
    expect(result.passed).toBe(false);
    expect(result.thresholds).toContainEqual({ metric: 'checks', expression: 'rate>0.99', passed: false });
  });
});
