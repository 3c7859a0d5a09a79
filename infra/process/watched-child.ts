import { type ChildProcess, spawn } from 'node:child_process';
import type { Env } from './find-executable.ts';
import { collectOutputTail } from './output-tail.ts';

export interface WatchedChild {
  readonly child: ChildProcess;
  /** The last lines of stdout and stderr together, for the error message of a failed start. */
  readonly outputTail: () => string;
  /** Why spawning failed (no such file, not executable); undefined while it has not. */
  readonly spawnError: () => Error | undefined;
}

export interface WatchedChildOptions {
  /** The child's whole environment. */
  readonly env: Env;
  readonly cwd?: string;
  /** How many output lines to keep. Default: collectOutputTail's. */
  readonly maxLines?: number;
}

/**
 * Spawns a long-running child (a server) whose start the caller polls. A spawn failure is recorded
 * rather than thrown: it arrives as an 'error' event, which would crash Node if nobody listened.
 */
export function spawnWatched(
  command: string,
  args: readonly string[],
  { env, cwd, maxLines }: WatchedChildOptions,
): WatchedChild {
  const child = spawn(command, args, {
    ...(cwd === undefined ? {} : { cwd }),
    env: { ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const outputTail = collectOutputTail([child.stdout, child.stderr], maxLines);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  return { child, outputTail, spawnError: () => spawnError };
}
