import {
  type handleUnaryCall,
  type Metadata,
  type ServerDuplexStream,
  status,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { ORG_ID } from '../salesforce-org.ts';
import { schemaWithId } from './change-event-schema.ts';
import { sessionOf } from './pubsub-auth.ts';
import type { PubSubBackend } from './pubsub-backend.ts';
import {
  AUTH_ERROR,
  newRpcId,
  type PubSubError,
  SERVICE_UNAVAILABLE,
  schemaNotFound,
  serviceError,
  topicNotFound,
} from './pubsub-errors.ts';
import {
  type FetchRequest,
  type FetchResponse,
  PUBLISH_ERROR_CODE,
  type PublishRequest,
  type PublishResponse,
  type SchemaInfo,
  type SchemaRequest,
  type TopicInfo,
  type TopicRequest,
} from './pubsub-messages.ts';
import { topicNamed } from './pubsub-topics.ts';
import { handleSubscribe, type SubscribeOptions } from './subscribe-call.ts';

type Outcome<T> = { readonly value: T } | { readonly error: PubSubError };

/** Answers a unary call after checking its metadata against the org's OAuth sessions. */
function unary<Request, Response>(
  backend: () => PubSubBackend | undefined,
  answer: (request: Request, rpcId: string) => Outcome<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const rpcId = newRpcId();
    const current = backend();
    const outcome = !current
      ? { error: SERVICE_UNAVAILABLE }
      : !sessionOf(call.metadata as Metadata, current.sessions)
        ? { error: AUTH_ERROR }
        : answer(call.request, rpcId);
    if ('error' in outcome) callback(serviceError(outcome.error, rpcId));
    else callback(null, outcome.value);
  };
}

/**
 * Change data capture channels are Salesforce's to publish on: the topic says `can_publish:
 * false`, and each event a client sends anyway comes back with a publish error, not a replay id.
 */
function refusePublish(request: PublishRequest, rpcId: string): Outcome<PublishResponse> {
  const topic = topicNamed(request.topicName);
  if (!topic) return { error: topicNotFound(request.topicName) };
  return {
    value: {
      results: request.events.map((event) => ({
        replayId: Buffer.alloc(0),
        error: {
          code: PUBLISH_ERROR_CODE,
          msg: `Failed to publish on ${topic.name}: change events are published by Salesforce only. Change the record through the REST API instead.`,
        },
        correlationKey: event.id,
      })),
      schemaId: topic.schemaId,
      rpcId,
    },
  };
}

/** The `eventbus.v1.PubSub` service over whichever org state `backend` returns at call time. */
export function pubSubService(
  backend: () => PubSubBackend | undefined,
  options: SubscribeOptions,
): UntypedServiceImplementation {
  return {
    GetTopic: unary<TopicRequest, TopicInfo>(backend, (request, rpcId) => {
      const topic = topicNamed(request.topicName);
      if (!topic) return { error: topicNotFound(request.topicName) };
      const value = {
        topicName: topic.name,
        tenantGuid: ORG_ID,
        canPublish: false,
        canSubscribe: true,
        schemaId: topic.schemaId,
        rpcId,
      };
      return { value };
    }),
    GetSchema: unary<SchemaRequest, SchemaInfo>(backend, (request, rpcId) => {
      const schema = schemaWithId(request.schemaId);
      if (!schema) return { error: schemaNotFound(request.schemaId) };
      return { value: { schemaJson: schema.json, schemaId: schema.id, rpcId } };
    }),
    Publish: unary<PublishRequest, PublishResponse>(backend, refusePublish),
    PublishStream: (call: ServerDuplexStream<PublishRequest, PublishResponse>) => {
      const rpcId = newRpcId();
      const current = backend();
      const refused = !current
        ? SERVICE_UNAVAILABLE
        : !sessionOf(call.metadata, current.sessions) && AUTH_ERROR;
      if (refused) return void call.emit('error', serviceError(refused, rpcId));
      call.on('data', (request: PublishRequest) => {
        const outcome = refusePublish(request, rpcId);
        if ('error' in outcome) call.emit('error', serviceError(outcome.error, rpcId));
        else call.write(outcome.value);
      });
      call.on('end', () => call.end());
    },
    Subscribe: (call: ServerDuplexStream<FetchRequest, FetchResponse>) =>
      handleSubscribe(call, backend(), options),
    ManagedSubscribe: (call: ServerDuplexStream<unknown, unknown>) =>
      call.emit(
        'error',
        Object.assign(new Error('ManagedSubscribe is not simulated. Use Subscribe.'), {
          code: status.UNIMPLEMENTED,
          details: 'ManagedSubscribe is not simulated. Use Subscribe.',
        }),
      ),
  };
}
