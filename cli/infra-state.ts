import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** What `infra up` started, so `infra status` and `infra down` in another shell can find it. */
export interface InfraState {
  readonly pid: number;
  readonly databaseUrl: string;
  readonly kafkaBrokers: string;
  readonly amqpUrl: string;
  readonly startedAt: string;
}

export const INFRA_STATE_FILE = resolve('.corebridge/infra.json');

export async function writeInfraState(state: InfraState): Promise<void> {
  await mkdir(dirname(INFRA_STATE_FILE), { recursive: true });
  await writeFile(INFRA_STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

export async function readInfraState(): Promise<InfraState | undefined> {
  const text = await readFile(INFRA_STATE_FILE, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as InfraState);
}

export async function clearInfraState(): Promise<void> {
  await rm(INFRA_STATE_FILE, { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
