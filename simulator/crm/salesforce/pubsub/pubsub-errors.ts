import { randomUUID } from 'node:crypto';
import { Metadata, type ServiceError, status } from '@grpc/grpc-js';

/**
 * Errors as the Pub/Sub API reports them: a gRPC status, the Pub/Sub error code in the
 * `error-code` trailer, and an RPC id both in the message (after `rpcId: `) and in the `rpc-id`
 * trailer, so a client's retry logic can tell an expired replay id from a bad token.
 */
export interface PubSubError {
  readonly code: status;
  readonly errorCode: string;
  readonly message: string;
}

export function newRpcId(): string {
  return randomUUID();
}

export function serviceError(error: PubSubError, rpcId: string): ServiceError {
  const metadata = new Metadata();
  metadata.set('error-code', error.errorCode);
  metadata.set('rpc-id', rpcId);
  const details = `${error.message} rpcId: ${rpcId}`;
  return Object.assign(new Error(details), { code: error.code, details, metadata });
}

export const AUTH_ERROR: PubSubError = {
  code: status.UNAUTHENTICATED,
  errorCode: 'sfdc.platform.eventbus.grpc.service.auth.error',
  message: 'An authentication exception occurred. Provide valid authentication via metadata headers.',
};

/** A replay id outside the retention window, or one this stream never handed out. */
export function replayIdError(reason: 'expired' | 'unknown' | 'malformed'): PubSubError {
  const why =
    reason === 'expired'
      ? 'it is older than the 72-hour retention window'
      : reason === 'unknown'
        ? 'no event in the stream has it'
        : 'a replay id is eight bytes';
  return {
    code: status.INVALID_ARGUMENT,
    errorCode: 'sfdc.platform.eventbus.grpc.subscription.fetch.replayid.corrupted',
    message: `The Replay ID validation failed: ${why}. Resubscribe with ReplayPreset EARLIEST or LATEST.`,
  };
}

// The codes below are the simulator's own: the documented table we could check names only the
// auth, replay-id and service-unavailable codes, so these follow its naming scheme.

export function topicNotFound(topic: string): PubSubError {
  return {
    code: status.NOT_FOUND,
    errorCode: 'sfdc.platform.eventbus.grpc.topic.not.found',
    message: `Topic ${topic} not found. Use /data/ChangeEvents or /data/<Object>ChangeEvent of an object with change data capture.`,
  };
}

export function schemaNotFound(schemaId: string): PubSubError {
  return {
    code: status.NOT_FOUND,
    errorCode: 'sfdc.platform.eventbus.grpc.schema.not.found',
    message: `Schema ${schemaId} not found. Take the schema id from GetTopic or from a received event.`,
  };
}

export function invalidRequest(message: string): PubSubError {
  return { code: status.INVALID_ARGUMENT, errorCode: 'sfdc.platform.eventbus.grpc.invalid.request', message };
}

export const SERVICE_UNAVAILABLE: PubSubError = {
  code: status.UNAVAILABLE,
  errorCode: 'sfdc.platform.eventbus.grpc.service.unavailable',
  message: 'The Pub/Sub API service is unavailable: the simulated org was reset or stopped. Subscribe again.',
};
