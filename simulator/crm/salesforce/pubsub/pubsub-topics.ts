import { CHANGE_EVENT_SCHEMAS } from './change-event-schema.ts';
import type { StoredEvent } from './pubsub-event-log.ts';

/** The standard channel that carries the change events of every object selected for CDC. */
export const ALL_CHANGE_EVENTS = '/data/ChangeEvents';

export interface PubSubTopic {
  readonly name: string;
  /** The topic's schema, or '' for /data/ChangeEvents, whose events each name their own. */
  readonly schemaId: string;
  accepts(event: StoredEvent): boolean;
}

const TOPICS: readonly PubSubTopic[] = [
  { name: ALL_CHANGE_EVENTS, schemaId: '', accepts: () => true },
  ...CHANGE_EVENT_SCHEMAS.map((schema) => ({
    name: schema.topic,
    schemaId: schema.id,
    accepts: (event: StoredEvent) => event.topic === schema.topic,
  })),
];

/** Topic names are matched exactly, as the Pub/Sub API matches them. */
export function topicNamed(name: string): PubSubTopic | undefined {
  return TOPICS.find((topic) => topic.name === name);
}
