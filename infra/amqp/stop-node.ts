import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { stopOnce } from '../process/stop-once.ts';
import type { PrivateEpmd } from './private-epmd.ts';

/** A node with nothing to keep stops in ~1 s on SIGTERM; past this it is killed. */
const STOP_GRACE_MS = 5_000;

export interface NodeProcesses {
  /** The rabbitmq-server script, parent of the Erlang VM. */
  readonly script: ChildProcess;
  readonly pidFile: string;
  readonly epmd: PrivateEpmd;
  readonly workDir: string;
}

/** A stop that runs once, and also runs if Node exits without it so no Erlang VM outlives the tests. */
export function stopNodeOnce({ script, pidFile, epmd, workDir }: NodeProcesses): () => Promise<void> {
  return stopOnce(
    async () => {
      await stopNode(script, pidFile);
      await epmd.stop();
      await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
    },
    () => {
      killVm(pidFile);
      script.kill('SIGKILL');
      epmd.child.kill('SIGKILL');
      rmSync(workDir, { recursive: true, force: true });
    },
  );
}

/**
 * SIGTERM makes RabbitMQ's script stop the VM cleanly and exit. SIGKILL would reach only the
 * script, not the VM it runs as a child, so a node that outstays the grace period is killed by the
 * pid it wrote as well.
 */
async function stopNode(script: ChildProcess, pidFile: string): Promise<void> {
  if (script.pid === undefined || script.exitCode !== null || script.signalCode !== null) return;
  const exited = once(script, 'exit');
  script.kill('SIGTERM');
  const escalation = setTimeout(() => {
    killVm(pidFile);
    script.kill('SIGKILL');
  }, STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(escalation);
  }
}

function killVm(pidFile: string): void {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
  } catch {
    // No pid file yet, or the VM is gone already.
  }
}
