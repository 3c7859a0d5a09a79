import type { LogEntry, logCreator } from 'kafkajs';

/**
 * kafkajs log lines on stderr, one per entry, without a logging library. Use with logLevel.ERROR.
 * The Connection namespace is dropped: it logs every error response at ERROR, including the retriable
 * ones kafkajs recovers from by itself (a coordinator still loading, a leader election on a new
 * topic); a failure that does not recover reaches the caller as a rejected promise or a consumer crash.
 */
export const stderrLogCreator: logCreator =
  () =>
  ({ namespace, log }: LogEntry) => {
    if (namespace === 'Connection') return;
    const detail = typeof log.error === 'string' ? `: ${log.error}` : '';
    process.stderr.write(`kafkajs [${namespace}] ${log.message}${detail}\n`);
  };
