import { z } from 'zod';

/**
 * The envelope of every MQ feed message from the CRM and the MDM: which entity it is about and
 * that entity's sequence number. A consumer that last applied N applies N+1, drops ≤ N as a
 * duplicate, and treats > N+1 as a gap (a lost message) to be closed by a point fetch.
 */
export function sequencedMessageSchema<T extends z.ZodType>(payload: T) {
  return z.object({
    source: z.enum(['crm', 'mdm']),
    /** e.g. `company`, `contact`, `authority`, `legal-details`. */
    entity: z.string(),
    id: z.string(),
    /** Counts the messages emitted for this entity, from 1. */
    sequence: z.number().int().positive(),
    operation: z.enum(['create', 'update', 'delete']),
    /** The entity's full state after the change; null after a delete. */
    state: payload.nullable(),
    emittedAt: z.iso.datetime(),
  });
}

export type SequencedMessage<T> = {
  source: 'crm' | 'mdm';
  entity: string;
  id: string;
  sequence: number;
  operation: 'create' | 'update' | 'delete';
  state: T | null;
  emittedAt: string;
};
