import type { ServerDuplexStream } from '@grpc/grpc-js';
import { sessionOf } from './pubsub-auth.ts';
import type { PubSubBackend } from './pubsub-backend.ts';
import {
  AUTH_ERROR,
  invalidRequest,
  newRpcId,
  type PubSubError,
  replayIdError,
  SERVICE_UNAVAILABLE,
  serviceError,
  topicNotFound,
} from './pubsub-errors.ts';
import type { StoredEvent } from './pubsub-event-log.ts';
import { type FetchRequest, type FetchResponse, REPLAY_PRESET } from './pubsub-messages.ts';
import { type PubSubTopic, topicNamed } from './pubsub-topics.ts';
import { decodeReplayId, encodeReplayId } from './replay-ids.ts';

/** At most this many events go in one FetchResponse, however many the client asked for. */
const MAX_BATCH = 100;

export interface SubscribeOptions {
  /** How often an idle stream gets an empty FetchResponse with the latest replay id. */
  readonly keepaliveMs: number;
}

const consumerEventOf = (event: StoredEvent) => ({
  event: { id: event.id, schemaId: event.schemaId, payload: event.payload, headers: [] },
  replayId: encodeReplayId(event.replayId),
});

/**
 * One Subscribe stream. The first FetchRequest names the topic and where to start (LATEST, the
 * default; EARLIEST, the oldest retained event; CUSTOM, just after `replay_id`); every request
 * adds `num_requested` to what the server may still send, and the server sends no more — the
 * pull-based flow control of the Pub/Sub API. Later replay options are ignored, as documented.
 */
export function handleSubscribe(
  call: ServerDuplexStream<FetchRequest, FetchResponse>,
  backend: PubSubBackend | undefined,
  options: SubscribeOptions,
): void {
  const rpcId = newRpcId();
  let done = false;
  let topic: PubSubTopic | undefined;
  let cursor = 0;
  let position = backend?.log.latestReplayId ?? 0n;
  let pending = 0;
  let wroteSinceTick = false;
  let scheduled = false;
  let unsubscribe: (() => void) | undefined;
  let keepalive: NodeJS.Timeout | undefined;

  const cleanup = () => {
    done = true;
    unsubscribe?.();
    clearInterval(keepalive);
  };
  const fail = (error: PubSubError) => {
    if (done) return;
    cleanup();
    call.emit('error', serviceError(error, rpcId));
  };
  const respond = (events: readonly StoredEvent[]) => {
    call.write({
      events: events.map(consumerEventOf),
      latestReplayId: encodeReplayId(position),
      rpcId,
      pendingNumRequested: pending,
    });
    wroteSinceTick = true;
  };
  const pump = () => {
    if (done || !topic || !backend) return;
    if (backend.log.isClosed) return fail(SERVICE_UNAVAILABLE);
    while (pending > 0) {
      const read = backend.log.read(cursor, Math.min(pending, MAX_BATCH), topic.accepts);
      cursor = read.next;
      if (read.lastReplayId !== undefined) position = read.lastReplayId;
      if (read.events.length === 0) return;
      pending -= read.events.length;
      respond(read.events);
    }
  };

  const start = (request: FetchRequest, log: PubSubBackend['log']): PubSubError | undefined => {
    if (request.replayPreset === REPLAY_PRESET.EARLIEST) {
      cursor = log.start;
      return undefined;
    }
    if (request.replayPreset !== REPLAY_PRESET.CUSTOM) {
      cursor = log.end;
      return undefined;
    }
    const replayId = decodeReplayId(request.replayId);
    if (replayId === undefined) return replayIdError('malformed');
    const found = log.positionAfter(replayId);
    if ('refused' in found) return replayIdError(found.refused);
    cursor = found.next;
    position = replayId;
    return undefined;
  };

  if (!backend || !sessionOf(call.metadata, backend.sessions)) {
    fail(backend ? AUTH_ERROR : SERVICE_UNAVAILABLE);
    return;
  }

  call.on('data', (request: FetchRequest) => {
    if (done) return;
    if (!topic) {
      topic = topicNamed(request.topicName);
      if (!topic) return fail(topicNotFound(request.topicName));
      const refused = start(request, backend.log);
      if (refused) return fail(refused);
      // Appends in one tick (a burst of store changes) go out together, up to MAX_BATCH per response.
      unsubscribe = backend.log.onAppend(() => {
        if (scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          pump();
        });
      });
      keepalive = setInterval(() => {
        if (!wroteSinceTick && !done) respond([]);
        wroteSinceTick = false;
      }, options.keepaliveMs);
      keepalive.unref();
    } else if (request.topicName !== '' && request.topicName !== topic.name) {
      return fail(
        invalidRequest(
          `Failed to fetch: this stream subscribes to ${topic.name}, not ${request.topicName}. Call Subscribe again for another topic.`,
        ),
      );
    }
    if (!(request.numRequested >= 0)) {
      return fail(invalidRequest('Failed to fetch: num_requested must not be negative. Request 1 to 100.'));
    }
    pending += request.numRequested;
    pump();
  });
  call.on('end', () => {
    cleanup();
    call.end();
  });
  call.on('cancelled', cleanup);
}
