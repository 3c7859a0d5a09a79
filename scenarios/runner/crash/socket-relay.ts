import { connect, createServer, type Socket } from 'node:net';

export interface RelayTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * A TCP relay on loopback whose connections can be cut at once. Put between an in-process sync
 * service and what it talks to, it lets the crash emulation do to the sockets what the kernel does
 * when it reaps a killed process: every connection drops mid-stream, and nothing reaches the dead
 * instance (or is reached by it) afterwards.
 */
export interface SocketRelay {
  readonly port: number;
  /** Where new connections go; undefined refuses them (reset at once) until a target is set again. */
  forwardTo(target: RelayTarget | undefined): void;
  /** Drops every open connection, both sides, without a goodbye. */
  cut(): void;
  /** Cuts and stops listening: later connections are refused by the operating system. */
  close(): Promise<void>;
}

export async function startSocketRelay(port: number, target?: RelayTarget): Promise<SocketRelay> {
  let current = target;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (!current) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(current.port, current.host);
    track(upstream);
    client.pipe(upstream).on('close', () => upstream.destroy());
    upstream.pipe(client).on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const cut = () => {
    for (const socket of open) if (!socket.destroyed) socket.resetAndDestroy();
    open.clear();
  };
  return {
    port: (server.address() as { port: number }).port,
    forwardTo(next) {
      current = next;
    },
    cut,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        cut();
      }),
  };
}
