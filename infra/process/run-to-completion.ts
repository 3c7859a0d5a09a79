import { spawn } from 'node:child_process';
import type { Env } from './find-executable.ts';
import { collectOutputTail } from './output-tail.ts';

export interface CompletedProcess {
  readonly exitCode: number | null;
  /** The last lines of stdout and stderr together. */
  readonly outputTail: string;
}

/** Runs a short-lived command (mvn, the Kafka storage tool) to its end, keeping its output for errors. */
export function runToCompletion(
  command: string,
  args: readonly string[],
  env: Env,
): Promise<CompletedProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = collectOutputTail([child.stdout, child.stderr]);
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, outputTail: tail() }));
  });
}
