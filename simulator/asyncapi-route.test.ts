import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABS_BALANCES_TOPIC, ABS_POSTINGS_TOPIC } from '../contracts/abs/abs-schemas.ts';
import { CRM_MQ_TOPIC } from '../contracts/crm/crm-card-message.ts';
import { SALESFORCE_CDC_TOPIC } from '../contracts/crm/salesforce-change-event.ts';
import { MDM_MQ_TOPIC } from '../contracts/mdm/mdm-schemas.ts';
import { SYNC_FAILED_TOPIC, SYNC_PROCESSED_TOPIC } from '../contracts/sync/sync-event.ts';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import { type Simulator, startSimulator } from './start-simulator.ts';

const errorsOf = async (document: unknown) => {
  const { diagnostics } = await new Parser().parse(JSON.stringify(document));
  return diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${d.path.join('.')}: ${d.message}`);
};

describe('GET /asyncapi.json', () => {
  const bus = createMemoryBus();
  let sim: Simulator;
  let served: Record<string, unknown>;

  beforeAll(async () => {
    sim = await startSimulator({
      seed: 1,
      dataset: { organisations: 2, accountsPerOrganisation: 1 },
      bus,
      clock: { now: () => Date.now() },
    });
    const response = await fetch(`${sim.url}/asyncapi.json`);
    expect(response.status).toBe(200);
    served = (await response.json()) as Record<string, unknown>;
  });
  afterAll(async () => {
    await sim.stop();
    await bus.stop();
  });

  it('is an AsyncAPI 3 document the real parser accepts without errors', async () => {
    expect(served.asyncapi).toBe('3.0.0');
    expect(await errorsOf(served)).toEqual([]);
  });

  it('describes every topic and MQ feed, and the parked copies of the consumed ones', async () => {
    const { document } = await new Parser().parse(JSON.stringify(served));
    const addresses = document
      ?.channels()
      .all()
      .map((channel) => channel.address());
    expect(addresses?.sort()).toEqual(
      [
        ABS_POSTINGS_TOPIC,
        ABS_BALANCES_TOPIC,
        CRM_MQ_TOPIC,
        SALESFORCE_CDC_TOPIC,
        MDM_MQ_TOPIC,
        SYNC_PROCESSED_TOPIC,
        SYNC_FAILED_TOPIC,
        '{topic}.failed',
      ].sort(),
    );
    const parked = document
      ?.channels()
      .all()
      .find((channel) => channel.address() === '{topic}.failed');
    expect(parked?.parameters().get('topic')?.schema()?.enum()).toEqual([
      ABS_POSTINGS_TOPIC,
      CRM_MQ_TOPIC,
      MDM_MQ_TOPIC,
      SALESFORCE_CDC_TOPIC,
    ]);
  });

  it("carries each message's payload as generated from its zod schema", async () => {
    const { document } = await new Parser().parse(JSON.stringify(served));
    const posting = document?.components().messages().get('absPosting')?.payload()?.json();
    expect(posting).toMatchObject({ type: 'object', properties: { bookedAt: { format: 'date-time' } } });
    expect((posting as { required?: string[] }).required).toEqual(
      expect.arrayContaining(['postingId', 'accountId', 'sequence']),
    );
    const crmWrite = document?.components().messages().get('crmWriteEvent')?.payload()?.json();
    expect(crmWrite).toMatchObject({ properties: { type: { const: 'crm.write' } } });
    const sends = document
      ?.operations()
      .filterBySend()
      .map((operation) => operation.id());
    const receives = document
      ?.operations()
      .filterByReceive()
      .map((operation) => operation.id());
    expect(sends).toHaveLength(8);
    expect(receives).toEqual(
      expect.arrayContaining(['receiveAbsPostings', 'receiveCrmCards', 'receiveMdmLegalDetails']),
    );
  });

  it('is checked for real: a dangling reference is an error', async () => {
    const broken = structuredClone(served) as { operations: Record<string, { channel: unknown }> };
    broken.operations.sendAbsPostings = {
      ...broken.operations.sendAbsPostings,
      channel: { $ref: '#/channels/noSuchChannel' },
    };
    expect((await errorsOf(broken)).length).toBeGreaterThan(0);
  });
});
