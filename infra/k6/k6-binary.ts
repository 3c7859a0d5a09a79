import { randomUUID } from 'node:crypto';
import { access, constants, mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../process/find-executable.ts';
import { runToCompletion } from '../process/run-to-completion.ts';

/**
 * The k6 release the load scripts are written against: v1.x runs TypeScript scripts itself. Built
 * from the Go module proxy, so a machine with Go needs nothing else (no release tarball, no Docker).
 */
export const K6_VERSION = 'v1.8.1';

/** `$COREBRIDGE_CACHE/k6-<version>`, else under `${XDG_CACHE_HOME:-~/.cache}/corebridge`. */
export function k6CacheDir(env: Env): string {
  const root = env.COREBRIDGE_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'corebridge');
  return join(root, `k6-${K6_VERSION}`);
}

export interface K6BinaryOptions {
  readonly env: Env;
  /** The Go toolchain, when there is one (`findExecutable('go', env)`). */
  readonly go: string | undefined;
  readonly progress: (line: string) => void;
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * The path of a k6 binary: `K6_BIN` when set, else the cached build, else one built now with
 * `go install go.k6.io/k6@<K6_VERSION>` into a private directory that is renamed into place, so a
 * build cut short is redone and two builds at once do not mix files.
 */
export async function k6Binary({ env, go, progress }: K6BinaryOptions): Promise<string> {
  if (env.K6_BIN) {
    if (await isExecutable(env.K6_BIN)) return env.K6_BIN;
    throw new Error(
      `Failed to find k6: K6_BIN=${env.K6_BIN} is not an executable file. Point K6_BIN at a k6 binary or unset it to build one with Go.`,
    );
  }
  const dir = k6CacheDir(env);
  const binary = join(dir, 'k6');
  if (await isExecutable(binary)) return binary;
  if (go === undefined) {
    throw new Error(
      `Failed to find k6: K6_BIN is not set, ${binary} does not exist and go is not on PATH to build it. Install Go (apt-get install golang-go), set K6_BIN to a k6 ${K6_VERSION} binary, or run \`npm run infra -- prepare\` where Go is.`,
    );
  }
  const started = Date.now();
  progress(`Building k6 ${K6_VERSION} with go install into ${dir} (first run only, a few minutes)...`);
  const staging = `${dir}.${randomUUID()}.partial`;
  await mkdir(staging, { recursive: true });
  try {
    const { exitCode, outputTail } = await runToCompletion(go, ['install', `go.k6.io/k6@${K6_VERSION}`], {
      ...env,
      GOBIN: staging,
      // The project's own go.mod (none) must not steer the build; go install @version ignores it anyway.
      GOFLAGS: '-mod=mod',
    });
    if (exitCode !== 0 || !(await isExecutable(join(staging, 'k6')))) {
      throw new Error(
        `Failed to build k6 ${K6_VERSION}: go install exited with ${exitCode}:\n${outputTail}\nCheck access to the Go module proxy (GOPROXY) or set K6_BIN.`,
      );
    }
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir).catch(async (error: unknown) => {
      // Another process finished first: its build is as good as ours.
      if (!(await isExecutable(binary))) throw error;
    });
    progress(`Built k6 in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    return binary;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
