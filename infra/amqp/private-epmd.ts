import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Env } from '../process/find-executable.ts';
import { terminateProcess } from '../process/terminate-process.ts';
import { spawnWatched } from '../process/watched-child.ts';

/** epmd answers in a few milliseconds; this only bounds a hung start. */
const EPMD_START_TIMEOUT_MS = 5_000;

export interface PrivateEpmd {
  readonly port: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * An Erlang port mapper of our own, on a loopback port, as our child. Left to itself the Erlang VM
 * spawns `epmd -daemon` on 4369 for all interfaces, which outlives the node (and the test run); with
 * ERL_EPMD_PORT pointing here the VM finds this one running and starts none, and `stop()` ends it.
 */
export async function startPrivateEpmd(epmd: string, port: number, env: Env): Promise<PrivateEpmd> {
  const { child, outputTail, spawnError } = spawnWatched(
    epmd,
    ['-port', String(port), '-address', '127.0.0.1'],
    { env },
  );
  const stop = () => terminateProcess(child);
  const deadline = Date.now() + EPMD_START_TIMEOUT_MS;
  for (;;) {
    // Exit first: an epmd that lost the port to another listener exits, and that one would answer.
    const exited =
      spawnError()?.message ?? (child.exitCode === null ? undefined : `exit code ${child.exitCode}`);
    if (exited === undefined && (await accepts(port))) return { port, child, stop };
    if (exited !== undefined || Date.now() > deadline) {
      await stop();
      throw new Error(
        `epmd did not listen on 127.0.0.1:${port} (${exited ?? 'timed out'}): ${outputTail() || '(no output)'}`,
      );
    }
    await sleep(20);
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
