import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AUTOCANNON_BIN = require.resolve('autocannon/autocannon.js');

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

/**
 * Loads `url` from a separate process (autocannon), so the load generator does not share the
 * server's event loop: on 2 cores each gets one. Bounded by `seconds`.
 */
export function loadWithAutocannon(url: string, seconds: number, connections = 32): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [AUTOCANNON_BIN, '--json', '-c', String(connections), '-d', String(seconds), url],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`Failed to run autocannon against ${url}: exit code ${code}.`));
      const report = JSON.parse(output) as {
        requests: { average: number };
        latency: { p99: number };
        non2xx: number;
        errors: number;
      };
      resolve({
        requestsPerSecond: report.requests.average,
        p99Ms: report.latency.p99,
        non2xx: report.non2xx,
        errors: report.errors,
      });
    });
  });
}
