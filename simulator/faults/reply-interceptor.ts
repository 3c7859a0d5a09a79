import type { ServerResponse } from 'node:http';

type Callback = (error?: Error | null) => void;

/** Where the reply goes after the faults had their way with it. */
export interface ReplySink {
  /** Passes bytes on to the client; `last` ends the response. */
  forward(body: Buffer, last: boolean, done?: Callback): void;
}

/**
 * Called instead of each `write`/`end` of the route handler, with the bytes it meant to send.
 * `first` is true for the first chunk; `last` for the `end` call. A whole JSON reply from express
 * arrives as one call with both true.
 */
export type ReplyHandler = (body: Buffer, flags: { first: boolean; last: boolean }, sink: ReplySink) => void;

/**
 * Lets faults act after the system did its work (and its side effects happened) but before the
 * client got the reply: corrupt it, skew it, or cut the connection in the middle of it.
 */
export function interceptReply(response: ServerResponse, handler: ReplyHandler): void {
  const originalWrite = response.write.bind(response) as (chunk: Buffer, done?: Callback) => boolean;
  const originalEnd = response.end.bind(response) as (chunk?: Buffer, done?: () => void) => ServerResponse;
  let first = true;
  const sink: ReplySink = {
    forward(body, last, done) {
      if (!last) {
        originalWrite(body, done);
        return;
      }
      // A transformed body has another length; the header was computed for the original.
      if (!response.headersSent && response.hasHeader('content-length')) {
        response.setHeader('content-length', body.length);
      }
      originalEnd(body, done);
    },
  };
  const take = (chunk: unknown, encoding: unknown, last: boolean): Buffer => {
    const flags = { first, last };
    first = false;
    const body = toBuffer(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    handler(body, flags, sink);
    return body;
  };
  response.write = ((chunk: unknown, encoding?: unknown, done?: unknown) => {
    take(chunk, encoding, false);
    callLater(typeof encoding === 'function' ? encoding : done);
    return true;
  }) as ServerResponse['write'];
  response.end = ((chunk?: unknown, encoding?: unknown, done?: unknown) => {
    const body = typeof chunk === 'function' ? undefined : chunk;
    take(body, encoding, true);
    callLater([chunk, encoding, done].find((arg) => typeof arg === 'function'));
    return response;
  }) as ServerResponse['end'];
}

function toBuffer(chunk: unknown, encoding: BufferEncoding): Buffer {
  if (chunk === undefined || chunk === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), encoding);
}

function callLater(callback: unknown): void {
  if (typeof callback === 'function') queueMicrotask(() => callback());
}
