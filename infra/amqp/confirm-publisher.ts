import type { ChannelModel, ConfirmChannel, Options } from 'amqplib';
import { declareTopic } from './amqp-topology.ts';
import { type ConnectionTarget, openConnection } from './open-connection.ts';

export interface Outgoing {
  readonly routingKey: string;
  readonly content: Buffer;
  readonly options: Options.Publish;
}

export interface ConfirmPublisher {
  /**
   * Sends in order on one channel, so RabbitMQ keeps that order in every queue, and resolves once
   * the broker confirmed all of them (for a persistent message to a durable queue: written to
   * disk). `prepare` builds each message just before it is written, so numbers it stamps rise in
   * the order messages reach the broker, also across concurrent calls.
   */
  publish<T>(exchange: string, items: readonly T[], prepare: (item: T) => Outgoing): Promise<void>;
  close(): Promise<void>;
}

interface Link {
  readonly connection: ChannelModel;
  readonly channel: ConfirmChannel;
  readonly exchanges: Set<string>;
}

/** A connection with a confirm channel, opened on first use and again after it is lost. */
export function createConfirmPublisher(target: ConnectionTarget): ConfirmPublisher {
  let link: Promise<Link> | undefined;

  const open = (): Promise<Link> => {
    if (link !== undefined) return link;
    const opening = (async (): Promise<Link> => {
      const connection = await openConnection(target);
      // A lost connection fails the pending confirms; the next publish opens a new one.
      connection.on('close', () => {
        if (link === opening) link = undefined;
      });
      const channel = await connection.createConfirmChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => {
        if (link === opening) link = undefined;
        void connection.close().catch(() => undefined);
      });
      return { connection, channel, exchanges: new Set() };
    })();
    opening.catch(() => {
      if (link === opening) link = undefined;
    });
    link = opening;
    return opening;
  };

  return {
    async publish(exchange, items, prepare) {
      const { channel, exchanges } = await open();
      if (!exchanges.has(exchange)) {
        await declareTopic(channel, exchange);
        exchanges.add(exchange);
      }
      const confirms: Promise<void>[] = [];
      for (const item of items) {
        const { routingKey, content, options } = prepare(item);
        let flushed = true;
        const confirmed = new Promise<void>((resolve, reject) => {
          flushed = channel.publish(exchange, routingKey, content, options, (error: unknown) =>
            error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
          );
        });
        // Handled now, awaited below: a nack arriving while the loop waits for a drain, or after the
        // loop gave up, must not count as an unhandled rejection.
        confirmed.catch(() => undefined);
        confirms.push(confirmed);
        // The socket's buffer is full: wait for it to drain instead of queueing without bound.
        if (!flushed) await drained(channel);
      }
      await Promise.all(confirms);
    },

    async close() {
      const current = link;
      link = undefined;
      if (current === undefined) return;
      const { connection } = await current.catch(() => ({ connection: undefined }));
      await connection?.close().catch(() => undefined);
    },
  };
}

function drained(channel: ConfirmChannel): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      channel.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      channel.off('drain', onDrain);
      reject(new Error('the channel closed while its write buffer was full'));
    };
    channel.once('drain', onDrain);
    channel.once('close', onClose);
  });
}
