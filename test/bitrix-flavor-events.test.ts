import { describe, expect, it } from 'vitest';
import { useBitrixTestPortal } from './bitrix-test-portal.ts';

/** Outgoing ONCRM* events of the Bitrix24 flavor, bound with event.bind, delivered to a real receiver. */
const portal = useBitrixTestPortal();
const { store, received, call, post } = portal;

describe('Bitrix24 flavor: outgoing events', () => {
  it('delivers ONCRM* events carrying only ids and the application token to bound handlers', async () => {
    const handler = `${portal.receiverUrl}/bitrix-events`;
    expect((await post('event.bind', { event: 'onCrmContactUpdate', handler })).body.result).toBe(true);
    await post('event.bind', { event: 'ONCRMDYNAMICITEMADD_1036', handler });
    const duplicate = await post('event.bind', { event: 'ONCRMCONTACTUPDATE', handler });
    expect(duplicate.body).toEqual({
      error: 'ERROR_HANDLER_ALREADY_EXIST',
      error_description: 'Handler already exists!',
    });
    expect((await post('event.bind', { event: 'ONNOTHING', handler })).body.error).toBe(
      'ERROR_EVENT_NOT_FOUND',
    );
    expect((await call('event.get')).body.result).toEqual([
      { event: 'ONCRMCONTACTUPDATE', handler, auth_type: '0', offline: 0 },
      { event: 'ONCRMDYNAMICITEMADD_1036', handler, auth_type: '0', offline: 0 },
    ]);

    received.length = 0;
    await post('crm.contact.update', { id: 17, fields: { POST: 'Директор' } });
    await post('crm.item.add', {
      entityTypeId: 1036,
      fields: { companyId: 2, contactId: 17, ufCrm7Kind: 'sign-payments' },
    });
    store.greyEdit('contact', '18', { position: 'Тихо' }); // behind the API: no event
    await portal.events.idle();
    expect(received).toHaveLength(2);
    expect(received[0]).toEqual({
      event: 'ONCRMCONTACTUPDATE',
      event_handler_id: '1',
      data: { FIELDS: { ID: '17' } },
      ts: String(Math.floor(portal.now() / 1000)),
      auth: {
        domain: 'corebridge.bitrix24.ru',
        client_endpoint: 'https://corebridge.bitrix24.ru/rest/',
        server_endpoint: 'https://oauth.bitrix24.tech/rest/',
        member_id: 'c0ebb41d6e0f4c2b9a3d7e5f1a2b3c4d',
        application_token: 'app-token-1',
      },
    });
    expect(received[1]).toMatchObject({
      event: 'ONCRMDYNAMICITEMADD_1036',
      data: { FIELDS: { ENTITY_TYPE_ID: '1036' } },
    });

    expect((await post('event.unbind', { event: 'ONCRMCONTACTUPDATE', handler })).body.result).toEqual({
      count: 1,
    });
    received.length = 0;
    await post('crm.contact.update', { id: 17, fields: { POST: 'Президент' } });
    await portal.events.idle();
    expect(received).toEqual([]);
  });
});
