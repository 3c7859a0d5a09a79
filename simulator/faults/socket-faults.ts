import type { Socket } from 'node:net';

/**
 * Connection-level failures, done on the request's socket behind Node's HTTP layer. A listening
 * server cannot refuse a connection it already accepted; a TCP reset before any byte is the
 * nearest thing, and clients report it the same way (ECONNRESET / "socket hang up").
 */

/** Drops the connection with a TCP RST before anything is written. */
export function refuseConnection(socket: Socket): void {
  socket.resetAndDestroy();
}

/** Closes the connection cleanly (FIN) without a byte: curl's "Empty reply from server". */
export function closeWithoutReply(socket: Socket): void {
  endThenDestroy(socket);
}

/** Writes bytes that are not HTTP, then closes: the client's parser fails on the status line. */
export function writeGarbageThenClose(socket: Socket, bytes: Buffer): void {
  endThenDestroy(socket, bytes);
}

/** Writes `partial` (status line, headers, part of the body) and then resets the connection. */
export function resetAfter(socket: Socket, write: (done: () => void) => void): void {
  // The RST must follow the partial reply, not overtake it: wait until it left the process.
  write(() => socket.resetAndDestroy());
}

function endThenDestroy(socket: Socket, bytes?: Buffer): void {
  if (bytes) socket.end(bytes);
  else socket.end();
  // A client that keeps its half open must not keep our socket (and server.close) waiting.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** Bytes that cannot start an HTTP response: seeded, and never "HTTP/". */
export function garbageBytes(length: number, random: () => number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  bytes[0] = 0x00;
  return bytes;
}
