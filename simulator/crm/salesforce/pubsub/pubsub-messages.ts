/**
 * The messages of `contracts/salesforce/pubsub_api.proto` as @grpc/proto-loader hands them to
 * the server (camelCase, defaults filled in, bytes as Buffers, enums as numbers): only the
 * fields the simulator reads or writes.
 */

export const REPLAY_PRESET = { LATEST: 0, EARLIEST: 1, CUSTOM: 2 } as const;
export const PUBLISH_ERROR_CODE = 1;

export interface FetchRequest {
  readonly topicName: string;
  readonly replayPreset: number;
  readonly replayId: Buffer;
  readonly numRequested: number;
}

export interface ProducerEvent {
  readonly id: string;
  readonly schemaId: string;
  readonly payload: Buffer;
  readonly headers: readonly { readonly key: string; readonly value: Buffer }[];
}

export interface ConsumerEvent {
  readonly event: ProducerEvent;
  readonly replayId: Buffer;
}

export interface FetchResponse {
  readonly events: readonly ConsumerEvent[];
  readonly latestReplayId: Buffer;
  readonly rpcId: string;
  readonly pendingNumRequested: number;
}

export interface TopicRequest {
  readonly topicName: string;
}

export interface TopicInfo {
  readonly topicName: string;
  readonly tenantGuid: string;
  readonly canPublish: boolean;
  readonly canSubscribe: boolean;
  readonly schemaId: string;
  readonly rpcId: string;
}

export interface SchemaRequest {
  readonly schemaId: string;
}

export interface SchemaInfo {
  readonly schemaJson: string;
  readonly schemaId: string;
  readonly rpcId: string;
}

export interface PublishRequest {
  readonly topicName: string;
  readonly events: readonly ProducerEvent[];
}

export interface PublishResponse {
  readonly results: readonly {
    readonly replayId: Buffer;
    readonly error: { readonly code: number; readonly msg: string };
    readonly correlationKey: string;
  }[];
  readonly schemaId: string;
  readonly rpcId: string;
}
