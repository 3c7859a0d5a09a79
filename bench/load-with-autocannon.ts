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

export interface LoadOptions {
  readonly connections?: number;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Replace `[<id>]` in headers and body with a fresh id per request (e.g. idempotency keys). */
  readonly uniqueIds?: boolean;
  /** Requests per second over all connections; default: as fast as the server answers. */
  readonly rate?: number;
}

/**
 * Loads `url` from a separate process (autocannon), so the load generator does not share the
 * server's event loop: on 2 cores each gets one. Bounded by `seconds`.
 */
export function loadWithAutocannon(
  url: string,
  seconds: number,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const args = [AUTOCANNON_BIN, '--json', '-c', String(options.connections ?? 32), '-d', String(seconds)];
  if (options.method) args.push('-m', options.method);
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  if (options.body !== undefined) args.push('-b', options.body);
  if (options.uniqueIds) args.push('-I');
  if (options.rate) args.push('-R', String(Math.round(options.rate)));
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || output.trim() === '')
        return reject(
          new Error(`Failed to run autocannon against ${url}: exit code ${code}. ${errors.slice(-500)}`),
        );
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
