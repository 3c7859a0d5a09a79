import { type ChannelModel, connect } from 'amqplib';

export interface ConnectionTarget {
  readonly url: string;
  /** Shown as the connection's name by the broker (rabbitmqctl list_connections client_properties). */
  readonly clientId: string;
}

/**
 * An amqplib connection that never throws 'error' events at the process: every failure also closes
 * the connection and rejects its pending calls, and the owner reacts to those.
 */
export async function openConnection({ url, clientId }: ConnectionTarget): Promise<ChannelModel> {
  const connection = await connect(url, { clientProperties: { connection_name: clientId } });
  connection.on('error', () => undefined);
  return connection;
}
