import { type Logger, pino } from 'pino';

export type { Logger };

/** JSON lines on stderr, so stdout stays for what a command prints for people. */
export function createLogger(name: string, level: string = 'info'): Logger {
  return pino({ name, level }, pino.destination(2));
}
