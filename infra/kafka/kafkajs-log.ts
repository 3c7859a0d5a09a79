import { type LogEntry, type logCreator, logLevel } from 'kafkajs';
import type { Logger } from '../logger.ts';

/** The kafkajs level that lets through what `log` would write: formatting lines pino drops is wasted work. */
export function kafkajsLevelFor(log: Logger): logLevel {
  return log.isLevelEnabled('debug') ? logLevel.DEBUG : logLevel.WARN;
}

/**
 * kafkajs' own log lines as JSON through the service's pino logger (child `kafkajs`, with the
 * namespace). Two demotions to debug: kafkajs' INFO lines (every join, start and stop of every
 * consumer), and the Connection namespace's errors, which it logs for every error response including
 * the retriable ones it recovers from by itself (a coordinator still loading, a leader election on
 * a new topic); a failure that does not recover reaches the caller as a rejected promise or a crash.
 */
export function pinoLogCreator(log: Logger): logCreator {
  const kafkaLog = log.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log: entry }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry;
      const line = { namespace, ...fields };
      if (level === logLevel.ERROR && namespace !== 'Connection') kafkaLog.error(line, message);
      else if (level === logLevel.WARN) kafkaLog.warn(line, message);
      else kafkaLog.debug(line, message);
    };
}
