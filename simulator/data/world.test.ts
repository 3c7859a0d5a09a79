import { describe, expect, it } from 'vitest';
import { isValidAccountNumber, isValidCorrespondentAccount } from '../../contracts/ru/account-number.ts';
import { isValidBic } from '../../contracts/ru/bic.ts';
import { isValidIndividualInn, isValidInn, isValidLegalEntityInn } from '../../contracts/ru/inn.ts';
import { isValidKpp } from '../../contracts/ru/kpp.ts';
import { isValidOgrn } from '../../contracts/ru/ogrn.ts';
import { isValidOgrnip } from '../../contracts/ru/ogrnip.ts';
import { isValidSnils } from './snils.ts';
import { createWorld } from './world.ts';

const world = createWorld({ seed: 20_260_101, clients: 50_000 });
const SAMPLE = 1500;

describe('world: one client, the same in every system', () => {
  it('gives each organisation valid identifiers that agree with its address and registration', () => {
    for (let i = 0; i < SAMPLE; i++) {
      const client = world.clientAt(i);
      const region = client.inn.slice(0, 2);
      expect(client.index).toBe(i);
      expect(client.legalAddress.text).toContain(client.legalAddress.region);
      if (client.kind === 'legal-entity') {
        expect(isValidLegalEntityInn(client.inn), client.inn).toBe(true);
        expect(isValidKpp(client.kpp ?? ''), `${client.kpp}`).toBe(true);
        expect(client.kpp?.slice(0, 4)).toBe(client.inn.slice(0, 4));
        expect(isValidOgrn(client.ogrn), client.ogrn).toBe(true);
        expect(client.shortName).toMatch(/^(ООО|АО|ПАО) «.+»$/);
      } else {
        expect(isValidIndividualInn(client.inn), client.inn).toBe(true);
        expect(client.kpp).toBeNull();
        expect(isValidOgrnip(client.ogrn), client.ogrn).toBe(true);
        expect(client.shortName).toMatch(/^ИП /);
      }
      // OGRN carries the registration year (from 2002/2004, when numbering began) and the region.
      expect(client.ogrn.slice(3, 5)).toBe(region);
      const year = Math.max(
        Number(client.registeredOn.slice(0, 4)),
        client.kind === 'legal-entity' ? 2002 : 2004,
      );
      expect(client.ogrn.slice(1, 3)).toBe(String(year % 100).padStart(2, '0'));
      expect(client.registeredOn < world.until).toBe(true);
      expect(client.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/);
    }
  });

  it('has the MDM hold the same INN, KPP, OGRN and address as the CRM card, with the ABS accounts as requisites', () => {
    for (let i = 0; i < SAMPLE; i++) {
      const client = world.clientAt(i);
      const details = world.legalDetailsOf(i);
      const accounts = world.accountsOf(i);
      expect(details).toMatchObject({
        clientId: client.id,
        inn: client.inn,
        kpp: client.kpp,
        ogrn: client.ogrn,
        legalAddress: client.legalAddress,
      });
      const { bic, correspondentAccount, settlementAccounts } = details.bankRequisites;
      expect(isValidBic(bic)).toBe(true);
      expect(isValidCorrespondentAccount(correspondentAccount, bic)).toBe(true);
      expect(settlementAccounts).toEqual(accounts.map((account) => account.number));
    }
  });

  it('opens 1–5 valid accounts per client, the first in roubles, in opening order', () => {
    const numbers = new Set<string>();
    for (let i = 0; i < SAMPLE; i++) {
      const client = world.clientAt(i);
      const accounts = world.accountsOf(i);
      expect(accounts.length).toBeGreaterThanOrEqual(1);
      expect(accounts.length).toBeLessThanOrEqual(5);
      expect(accounts[0]?.currency).toBe('RUB');
      let previous = client.registeredOn;
      for (const account of accounts) {
        expect(isValidAccountNumber(account.number, account.bic), account.number).toBe(true);
        expect(account.number.slice(0, 5)).toBe(client.kind === 'legal-entity' ? '40702' : '40802');
        expect(account.clientId).toBe(client.id);
        expect(account.openedOn >= previous).toBe(true);
        expect(account.openedOn < world.until).toBe(true);
        expect(Number.isSafeInteger(account.openingBalanceMinor)).toBe(true);
        expect(world.accountById(account.id)).toEqual(account);
        previous = account.openedOn;
        numbers.add(account.number);
      }
    }
    expect(numbers.size).toBe(
      [...Array(SAMPLE).keys()].reduce((sum, i) => sum + world.accountsOf(i).length, 0),
    );
  });

  it('gives 1–4 contacts with valid personal INN and SNILS; a sole proprietor is its own first contact', () => {
    for (let i = 0; i < SAMPLE; i++) {
      const client = world.clientAt(i);
      const contacts = world.contactsOf(i);
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(4);
      for (const contact of contacts) {
        expect(contact.clientId).toBe(client.id);
        expect(isValidIndividualInn(contact.inn), contact.inn).toBe(true);
        expect(isValidSnils(contact.snils), contact.snils).toBe(true);
        expect(contact.phone).toMatch(/^\+79\d{9}$/);
        expect(contact.email).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/);
        expect(contact.fullName).toBe(`${contact.lastName} ${contact.firstName} ${contact.middleName}`);
      }
      if (client.kind === 'sole-proprietor') {
        expect(contacts[0]?.inn).toBe(client.inn);
        expect(client.fullName).toContain(contacts[0]?.fullName);
      }
    }
  });

  it('grants authorities over the client’s own accounts to its own contacts; the head signs everywhere, open-ended', () => {
    for (let i = 0; i < SAMPLE; i++) {
      const contactIds = new Set(world.contactsOf(i).map((contact) => contact.id));
      const accountIds = world.accountsOf(i).map((account) => account.id);
      const authorities = world.authoritiesOf(i);
      for (const authority of authorities) {
        expect(contactIds.has(authority.contactId)).toBe(true);
        expect(authority.accountIds.length).toBeGreaterThan(0);
        for (const id of authority.accountIds) expect(accountIds).toContain(id);
        if (authority.validTo !== null) expect(authority.validTo > authority.validFrom).toBe(true);
      }
      const head = world.contactsOf(i)[0]?.id;
      const headSigns = authorities.find((a) => a.contactId === head && a.kind === 'sign-payments');
      expect(headSigns).toMatchObject({ accountIds, validTo: null });
      expect(new Set(authorities.map((a) => a.id)).size).toBe(authorities.length);
    }
  });

  it('keeps CRM tasks on the client’s own contacts, due after they were created', () => {
    let tasks = 0;
    for (let i = 0; i < SAMPLE; i++) {
      const contactIds = new Set(world.contactsOf(i).map((contact) => contact.id));
      for (const task of world.tasksOf(i)) {
        tasks++;
        if (task.contactId !== null) expect(contactIds.has(task.contactId)).toBe(true);
        expect(task.dueDate >= task.createdAt.slice(0, 10)).toBe(true);
        expect(task.createdAt < world.until).toBe(true);
      }
    }
    expect(tasks).toBeGreaterThan(SAMPLE / 2);
  });
});

describe('world: ids and look-ups', () => {
  it('finds a client’s index from its id alone, and nothing from other ids', () => {
    for (const i of [0, 1, 2, 777, 49_999]) expect(world.indexOfClientId(world.clientAt(i).id)).toBe(i);
    expect(world.clientIdAt(42)).toBe(world.clientAt(42).id);
    expect(world.indexOfClientId(world.contactsOf(3)[0]?.id ?? '')).toBeUndefined();
    expect(world.indexOfClientId(crypto.randomUUID())).toBeUndefined();
    expect(createWorld({ seed: 1, clients: 10 }).indexOfClientId(world.clientAt(3).id)).toBeUndefined();
    // The same seed but fewer clients: an id beyond the world's size names no client.
    expect(
      createWorld({ seed: 20_260_101, clients: 100 }).indexOfClientId(world.clientAt(500).id),
    ).toBeUndefined();
    expect(world.accountById(world.clientAt(3).id)).toBeUndefined();
    expect(world.postingsOf('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  it('refuses indexes outside the world and bad options with an explanation', () => {
    expect(() => world.clientAt(50_000)).toThrow(/clients 0..49999/);
    expect(() => world.accountsOf(-1)).toThrow(RangeError);
    expect(() => createWorld({ seed: 1.5, clients: 10 })).toThrow(/seed/);
    expect(() => createWorld({ seed: 1, clients: 0 })).toThrow(/clients/);
    expect(() => createWorld({ seed: 1, clients: 10, until: 'tomorrow' })).toThrow(/until/);
  });

  it('reaches the millionth client of a million-client world without building the others', () => {
    const big = createWorld({ seed: 3, clients: 1_000_000 });
    const last = big.clientAt(999_999);
    expect(big.indexOfClientId(last.id)).toBe(999_999);
    expect(isValidInn(last.inn)).toBe(true);
    const account = big.accountsOf(999_999).at(-1);
    expect(account && isValidAccountNumber(account.number, account.bic)).toBe(true);
  });
});

describe('world: long histories on demand', () => {
  it('pages interactions in date order inside the history, the same entries whatever the page size', () => {
    for (const i of [0, 5, 17]) {
      const all = world.interactionsOf(i, { limit: 10_000 });
      expect(all.total).toBe(all.items.length);
      const contactIds = new Set(world.contactsOf(i).map((contact) => contact.id));
      all.items.forEach((item, n) => {
        expect(item.sequence).toBe(n + 1);
        expect(item.at >= world.historyFrom && item.at < world.until).toBe(true);
        if (n > 0) expect(item.at >= (all.items[n - 1]?.at ?? '')).toBe(true);
        expect(contactIds.has(item.contactId)).toBe(true);
      });
      const paged = [0, 1, 2, 3].flatMap(
        (page) => world.interactionsOf(i, { offset: page * 7, limit: 7 }).items,
      );
      expect(paged).toEqual(all.items.slice(0, 28));
      const from = '2020-01-01';
      const to = '2021-01-01';
      const window = world.interactionsOf(i, { from, to, limit: 10_000 });
      expect(window.items).toEqual(all.items.filter((item) => item.at >= from && item.at < to));
    }
  });

  it('derives an account’s postings page by page: numbered from 1, in booking order, after the account opened', () => {
    const account = world.accountsOf(1)[0];
    if (!account) throw new Error('client 1 has no account');
    const first = world.postingsOf(account.id, { limit: 500 });
    expect(first?.total).toBeGreaterThan(500);
    const start = account.openedOn > world.historyFrom ? account.openedOn : world.historyFrom;
    first?.items.forEach((posting, n) => {
      expect(posting.sequence).toBe(n + 1);
      expect(posting.accountId).toBe(account.id);
      expect(posting.currency).toBe(account.currency);
      expect(posting.bookedAt >= start && posting.bookedAt < world.until).toBe(true);
      if (n > 0) expect(posting.bookedAt >= (first.items[n - 1]?.bookedAt ?? '')).toBe(true);
      expect(Number.isSafeInteger(posting.amountMinor) && posting.amountMinor !== 0).toBe(true);
      expect(posting.description.length).toBeGreaterThan(10);
    });
    // Posting n is the same on any page, read through any window that holds it.
    const middle = world.postingsOf(account.id, { offset: 250, limit: 3 });
    expect(middle?.items).toEqual(first?.items.slice(250, 253));
    const day = first?.items[300]?.bookedAt.slice(0, 10) ?? '';
    const dayPage = world.postingsOf(account.id, { from: day, to: `${day}T23:59:59.999Z` });
    expect(dayPage?.items.find((p) => p.sequence === 301)).toEqual(first?.items[300]);
  });

  it('pays and is paid by other clients of the world under the INN and account the world gives them', () => {
    let inWorld = 0;
    for (const i of [0, 1, 2, 3]) {
      for (const account of world.accountsOf(i)) {
        for (const posting of world.postingsOf(account.id, { limit: 200 })?.items ?? []) {
          const { counterparty } = posting;
          expect(isValidInn(counterparty.inn), counterparty.inn).toBe(true);
          expect(
            isValidAccountNumber(counterparty.accountNumber, counterparty.bic),
            counterparty.accountNumber,
          ).toBe(true);
          if (counterparty.clientIndex === null) continue;
          inWorld++;
          expect(counterparty.clientIndex).not.toBe(i);
          const other = world.clientAt(counterparty.clientIndex);
          expect(counterparty).toMatchObject({ name: other.shortName, inn: other.inn });
          expect(counterparty.accountNumber).toBe(world.accountsOf(counterparty.clientIndex)[0]?.number);
        }
      }
    }
    expect(inWorld).toBeGreaterThan(50);
  });

  it('caps a page at 10 000 entries and reads dates strictly', () => {
    const id = world.accountsOf(0)[0]?.id ?? '';
    expect(() => world.postingsOf(id, { limit: 10_001 })).toThrow(/limit/);
    expect(() => world.interactionsOf(0, { offset: -1 })).toThrow(/offset/);
    expect(() => world.interactionsOf(0, { from: '01.02.2020' })).toThrow(/from/);
    expect(world.postingsOf(id, { limit: 0 })?.items).toEqual([]);
  });
});
