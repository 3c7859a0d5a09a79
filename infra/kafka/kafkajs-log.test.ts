import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { kafkajsLevelFor, pinoLogCreator } from './kafkajs-log.ts';

function captured(level: string) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('sync', level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

const entry = (namespace: string, level: logLevel, message: string) => ({
  namespace,
  level,
  label: logLevel[level],
  log: { timestamp: '2026-01-01T00:00:00.000Z', logger: 'kafkajs', message, groupId: 'corebridge-sync.abs' },
});

describe('kafkajs lines through pino', () => {
  it('writes them as JSON lines of the service logger, INFO and retried Connection errors as debug', () => {
    const { log, lines } = captured('debug');
    const write = pinoLogCreator(log)(kafkajsLevelFor(log));
    write(entry('Consumer', logLevel.INFO, 'Starting'));
    write(entry('Connection', logLevel.ERROR, 'Response Metadata'));
    write(entry('Consumer', logLevel.ERROR, 'Crash: KafkaJSNumberOfRetriesExceeded'));
    write(entry('Producer', logLevel.WARN, 'retrying'));
    expect(lines.map(({ level, msg, namespace }) => ({ level, msg, namespace }))).toEqual([
      { level: 20, msg: 'Starting', namespace: 'Consumer' },
      { level: 20, msg: 'Response Metadata', namespace: 'Connection' },
      { level: 50, msg: 'Crash: KafkaJSNumberOfRetriesExceeded', namespace: 'Consumer' },
      { level: 40, msg: 'retrying', namespace: 'Producer' },
    ]);
    expect(lines[0]).toMatchObject({ name: 'sync', component: 'kafkajs', groupId: 'corebridge-sync.abs' });
    expect(lines[0]).not.toHaveProperty('logger');
  });

  it('asks kafkajs for debug lines only when the logger writes them', () => {
    expect(kafkajsLevelFor(captured('debug').log)).toBe(logLevel.DEBUG);
    expect(kafkajsLevelFor(captured('info').log)).toBe(logLevel.WARN);
  });
});
