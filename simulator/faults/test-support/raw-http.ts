import { connect } from 'node:net';

export interface RawReply {
  /** Every byte the server sent. */
  readonly bytes: Buffer;
  /** How the connection ended: a clean close (FIN), a reset (RST), or our timeout. */
  readonly ending: 'closed' | 'reset' | 'timeout';
}

/**
 * One HTTP/1.1 request over a bare socket, to see what fetch hides: whether any byte came back,
 * and whether the server closed or reset the connection.
 */
export function rawRequest(
  url: string,
  path: string,
  options: { method?: string; body?: string; timeoutMs?: number } = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  const body = options.body ?? '';
  const head = [
    `${options.method ?? 'GET'} ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    'Connection: close',
    ...(body ? ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`] : []),
  ];
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname);
    let ending: RawReply['ending'] = 'closed';
    socket.setTimeout(options.timeoutMs ?? 2_000, () => {
      ending = 'timeout';
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') ending = 'reset';
    });
    socket.on('close', () => resolve({ bytes: Buffer.concat(chunks), ending }));
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}
