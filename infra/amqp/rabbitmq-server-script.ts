import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Env, findExecutable } from '../process/find-executable.ts';

/**
 * RabbitMQ's own `rabbitmq-server` script for the one on PATH; undefined when none is.
 *
 * Debian's /usr/sbin/rabbitmq-server is a wrapper: run as root it switches to user `rabbitmq`
 * (which then needs our temp dirs and can't read root's), `cd`s to /var/lib/rabbitmq and writes the
 * node's output to /var/log/rabbitmq/startup_log, hiding a crash from us; run as anyone else it
 * refuses. Its sibling in the wrapper's directory (/usr/lib/rabbitmq/bin) is the upstream script,
 * which runs as the current user in the directories we pass. Upstream and Homebrew installs have no
 * wrapper: there the sibling is the script itself.
 */
export function findRabbitMqServerScript(env: Env): string | undefined {
  const onPath = findExecutable('rabbitmq-server', env);
  if (onPath === undefined) return undefined;
  return join(dirname(realpathSync(onPath)), 'rabbitmq-server');
}
