import { MAX_MESSAGE_BYTES } from '../event-bus.ts';

export interface ServerPropertiesOptions {
  readonly brokerPort: number;
  readonly controllerPort: number;
  readonly logDir: string;
}

/** server.properties for a single-node KRaft broker ("combined" mode) that only listens on 127.0.0.1. */
export function serverProperties({ brokerPort, controllerPort, logDir }: ServerPropertiesOptions): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${brokerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': logDir,
    'num.partitions': 3,
    'auto.create.topics.enable': true,
    // One broker: the internal topics cannot have more replicas than that.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    // Fewer partitions of __consumer_offsets make the first group join on a fresh broker quick.
    'offsets.topic.num.partitions': 3,
    // Without this the first member of a group waits 3 s for others before it gets partitions.
    'group.initial.rebalance.delay.ms': 0,
    // The bus enforces MAX_MESSAGE_BYTES on key + value + headers; the headroom covers the record
    // batch framing, so a message the port accepts is never refused by this broker.
    'message.max.bytes': MAX_MESSAGE_BYTES + 64 * 1024,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
