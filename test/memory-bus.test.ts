import { describe } from 'vitest';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { eventBusConformance } from './event-bus-conformance.ts';

describe('memory event bus conformance', () => {
  eventBusConformance(() => createMemoryBus());
});
