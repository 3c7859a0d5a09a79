import { execFile } from 'node:child_process';
import { chmod, cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readDockerfile } from './dockerfile-steps.ts';

const run = promisify(execFile);

export type ProductionInstall =
  | { readonly dir: string; readonly output: string }
  | { readonly unreachable: string };

// npm's codes for a registry it could not reach; any other failure is the project's to fix.
const NETWORK_ERRORS =
  /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|HOSTUNREACH)|ERR_SOCKET_TIMEOUT/;

/**
 * Lays out what the Dockerfile copies into a fresh temp dir and runs `npm ci --omit=dev` there,
 * as the image's build does. The folder is world-readable: as root, an embedded PostgreSQL runs as
 * user `postgres` from its binaries in there.
 */
export async function installProduction(root: string, timeoutMs: number): Promise<ProductionInstall> {
  const dir = await mkdtemp(join(tmpdir(), 'corebridge-production-'));
  await chmod(dir, 0o755);
  for (const source of readDockerfile(root).copied)
    await cp(join(root, source), join(dir, source), { recursive: true });
  // The outer npm's settings (npm_config_*) would leak into this install; it gets a clean env.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  try {
    // --ignore-scripts=false: patch-package runs as postinstall even where a user npmrc turns scripts off.
    const { stdout, stderr } = await run(
      'npm',
      ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts=false'],
      { cwd: dir, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
    );
    return { dir, output: stdout + stderr };
  } catch (error) {
    const failure = error as Error & { killed?: boolean; stdout?: string; stderr?: string };
    const output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    if (failure.killed)
      return {
        unreachable: `npm ci did not finish within ${timeoutMs / 1000} s (a slow or absent registry)`,
      };
    const network = output.match(NETWORK_ERRORS);
    if (network) return { unreachable: `npm ci could not reach the registry (${network[0]})` };
    throw new Error(
      `Failed to install the production dependencies in ${dir}: npm ci --omit=dev failed.\n${output.slice(-3000)}`,
    );
  }
}
