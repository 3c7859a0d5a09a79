/** The Salesforce flavor over HTTP: OAuth, sessions, versions, the daily limit, and change events of API writes. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBus } from '../infra/memory/memory-bus.ts';
import {
  type ChangeEventMessage,
  salesforceChangeEvents,
  salesforceId,
} from '../simulator/crm/salesforce/index.ts';
import {
  TEST_ORG_API as API,
  type SalesforceTestOrg,
  startSalesforceTestOrg,
  TEST_ORG_PASSWORD_GRANT,
} from '../simulator/crm/salesforce/salesforce-test-org.ts';

let org: SalesforceTestOrg;

beforeEach(async () => {
  org = await startSalesforceTestOrg();
  await org.login();
});

afterEach(() => org.stop());

const DAY = 24 * 60 * 60 * 1000;

describe('Salesforce flavor: OAuth and sessions', () => {
  it('issues tokens by the username-password and client-credentials flows, naming this server as instance_url', async () => {
    const password = await org.login();
    expect(password.status).toBe(200);
    expect(password.body).toEqual({
      access_token: expect.stringMatching(/^00D[0-9A-Za-z]{12}!/),
      instance_url: org.url,
      id: expect.stringMatching(new RegExp(`^${org.url}/id/00D[0-9A-Za-z]{15}/005[0-9A-Za-z]{15}$`)),
      token_type: 'Bearer',
      issued_at: String(org.clock.now()),
      signature: expect.any(String),
    });
    const client = await org.login({
      grant_type: 'client_credentials',
      client_id: 'corebridge-app',
      client_secret: 's3cret',
    });
    expect(client.status).toBe(200);
    expect(client.body.access_token).not.toBe(password.body.access_token);
  });

  it('refuses bad credentials with the OAuth error bodies Salesforce uses', async () => {
    expect(await org.login({ ...TEST_ORG_PASSWORD_GRANT, password: 'wrong' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'authentication failure' },
    });
    expect((await org.login({ ...TEST_ORG_PASSWORD_GRANT, client_id: 'nope' })).body.error).toBe(
      'invalid_client_id',
    );
    expect((await org.login({ ...TEST_ORG_PASSWORD_GRANT, client_secret: 'nope' })).body.error).toBe(
      'invalid_client',
    );
    expect(
      (await org.login({ ...TEST_ORG_PASSWORD_GRANT, grant_type: 'authorization_code' })).body.error,
    ).toBe('unsupported_grant_type');
  });

  it('answers 401 INVALID_SESSION_ID without a valid token and once the session timed out', async () => {
    const missing = await org.sf(`${API}/limits`, { headers: { authorization: 'Bearer nope' } });
    expect(missing).toMatchObject({
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    });
    expect((await org.sf(`${API}/limits`)).status).toBe(200);
    org.clock.advance(2 * 60 * 60 * 1000);
    expect((await org.sf(`${API}/limits`)).status).toBe(401);
  });

  it('lists the API version and its resources', async () => {
    expect((await org.sf('/services/data/', { headers: { authorization: '' } })).body).toEqual([
      { label: "Spring '24", url: API, version: '60.0' },
    ]);
    expect((await org.sf(`${API}/`)).body).toMatchObject({
      sobjects: `${API}/sobjects`,
      query: `${API}/query`,
    });
    expect((await org.sf(`${API}/nothing-here`)).status).toBe(404);
    expect((await org.sf('/services/data/v59.0/sobjects')).body).toEqual([
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
  });
});

describe('Salesforce flavor: limits', () => {
  it('reports api-usage on every answer and refuses with REQUEST_LIMIT_EXCEEDED past the daily limit', async () => {
    const first = await org.sf(`${API}/limits`);
    expect(first.headers.get('sforce-limit-info')).toBe('api-usage=1/40');
    expect(first.body).toEqual({ DailyApiRequests: { Max: 40, Remaining: 39 } });
    const notFound = await org.sf(`${API}/sobjects/Account/001000000000000AAA`);
    expect(notFound.headers.get('sforce-limit-info')).toBe('api-usage=2/40');
    org.usage.setUsed(40);
    const refused = await org.sf(`${API}/sobjects/Account/describe`);
    expect(refused).toMatchObject({
      status: 403,
      body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    });
    expect(refused.headers.get('sforce-limit-info')).toBe('api-usage=40/40');
    org.clock.advance(DAY);
    await org.login();
    expect((await org.sf(`${API}/limits`)).headers.get('sforce-limit-info')).toBe('api-usage=1/40');
  });
});

describe('Salesforce flavor: change data capture', () => {
  it('publishes an API write as a change event whose changeOrigin names the OAuth user', async () => {
    await using bus = createMemoryBus();
    const cdc = salesforceChangeEvents({ store: org.store, bus, topic: 'sf-cdc' });
    const received: ChangeEventMessage[] = [];
    await bus.subscribe({
      groupId: 't',
      topic: 'sf-cdc',
      handleBatch: async (batch) => void received.push(...batch.map((m) => JSON.parse(m.value.toString()))),
    });
    await org.sf(`${API}/sobjects/Task/${salesforceId('00T', 3)}`, {
      method: 'PATCH',
      json: { Status: 'Completed' },
    });
    await cdc.flush();
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]?.payload).toMatchObject({
      ChangeEventHeader: {
        entityName: 'Task',
        recordIds: [salesforceId('00T', 3)],
        changeType: 'UPDATE',
        changeOrigin: 'com/salesforce/api/rest/60.0;client=integration@bank.example',
        changedFields: ['Status', 'LastModifiedDate'],
      },
      Status: 'Completed',
    });
    await cdc.stop();
  });
});
