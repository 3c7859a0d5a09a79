import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Env } from '../process/find-executable.ts';

export interface PrivateNodePorts {
  readonly amqp: number;
  readonly distribution: number;
  readonly epmd: number;
}

/** Where the node writes its OS pid, for killing the VM if the script in front of it is gone. */
export function pidFileIn(workDir: string): string {
  return join(workDir, 'rabbitmq.pid');
}

/**
 * The files the node reads, all in its temp dir. rabbitmq.conf only sends the log to stdout (where
 * the launcher keeps its tail for error messages) instead of files nobody reads, without colours,
 * at warning level so a healthy node stays quiet. The others are empty: no env overrides, no plugins.
 */
export async function writeNodeFiles(workDir: string): Promise<void> {
  const conf = [
    'log.console = true',
    'log.console.level = warning',
    'log.console.use_colors = off',
    'log.file = false',
  ];
  await writeFile(join(workDir, 'rabbitmq.conf'), `${conf.join('\n')}\n`);
  await writeFile(join(workDir, 'rabbitmq-env.conf'), '');
  await writeFile(join(workDir, 'enabled_plugins'), '[].\n');
  await mkdir(join(workDir, 'conf.d'));
}

/** The environment of rabbitmq-server for a node that shares nothing with a system one. */
export function privateNodeEnv(env: Env, workDir: string, nodeName: string, ports: PrivateNodePorts): Env {
  return {
    ...env,
    // Erlang keeps its cookie in $HOME/.erlang.cookie: the node creates a private one here.
    HOME: workDir,
    ERL_EPMD_PORT: String(ports.epmd),
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(ports.amqp),
    // The default (AMQP port + 20000) is past 65535 for most kernel-chosen ports.
    RABBITMQ_DIST_PORT: String(ports.distribution),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    RABBITMQ_MNESIA_BASE: join(workDir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(workDir, 'log'),
    RABBITMQ_PID_FILE: pidFileIn(workDir),
    // Every file the node would read from /etc/rabbitmq is pointed here, so a system config
    // (another node name, plugins, listeners) cannot leak into the private node.
    RABBITMQ_CONF_ENV_FILE: join(workDir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: join(workDir, 'rabbitmq.conf'),
    RABBITMQ_CONFIG_FILES: join(workDir, 'conf.d'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(workDir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(workDir, 'enabled_plugins'),
  };
}
