import { withTimeout } from '../../infra/with-timeout.ts';

/**
 * How long one readiness check may take. Probes (Kubernetes' default timeout is 1 s, ours 2 s for the
 * whole answer) must get an answer even when a dependency hangs: a broker that is unreachable makes
 * kafkajs retry its connection for much longer than that.
 */
export const CHECK_TIMEOUT_MS = 1_000;

export type CheckResult = { readonly state: 'up' } | { readonly state: 'down'; readonly reason: string };

/** Runs one probe under the timeout; a failure or a timeout is `down` with its reason, never thrown. */
export async function readinessCheck(
  probe: () => Promise<unknown>,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<CheckResult> {
  try {
    // The probe is started inside the try: a probe that throws synchronously is a failure too.
    await withTimeout(Promise.resolve().then(probe), timeoutMs, `no answer within ${timeoutMs} ms`);
    return { state: 'up' };
  } catch (error) {
    return { state: 'down', reason: error instanceof Error ? error.message : String(error) };
  }
}
