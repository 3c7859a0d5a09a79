/**
 * The seeded world every simulated system draws from: the CRM's cards, contacts, authorities and
 * tasks, the MDM's legal details, the ABS's accounts and postings. All ids are UUIDs (see
 * world-id.ts); dates are `YYYY-MM-DD`, instants ISO 8601 in UTC; money is in minor units.
 */

export interface WorldOptions {
  /** Any safe integer; the same seed gives the same world, byte for byte. */
  readonly seed: number;
  /** How many clients (organisations); 1 to 2 000 000. Nothing per client is stored up front. */
  readonly clients: number;
  /** End of history, exclusive: the world's "now". Default `2026-01-01`, never the wall clock. */
  readonly until?: string;
  /** Years of interactions and postings before `until`. Default 10. */
  readonly historyYears?: number;
}

export type OrganisationKind = 'legal-entity' | 'sole-proprietor';
/** The CRM's segments; sole proprietors are almost always small. */
export type Segment = 'small' | 'medium' | 'large';
export type Currency = 'RUB' | 'USD' | 'EUR' | 'CNY';

export interface Address {
  readonly postcode: string;
  readonly region: string;
  /** Null for Moscow and St Petersburg, which are regions of their own. */
  readonly city: string | null;
  readonly street: string;
  readonly building: string;
  readonly office: string | null;
  /** The one-line form, as printed on documents. */
  readonly text: string;
}

export interface Organisation {
  /** Position in the world, 0-based: `clientAt(index)` gives this organisation back. */
  readonly index: number;
  readonly id: string;
  readonly kind: OrganisationKind;
  /** `ООО «СеверТорг»`, `ИП Иванов И. И.` */
  readonly shortName: string;
  readonly fullName: string;
  /** 10 digits for a legal entity, 12 for a sole proprietor (the owner's own INN). */
  readonly inn: string;
  /** Null for sole proprietors, who have none. */
  readonly kpp: string | null;
  /** OGRN (13 digits), or OGRNIP (15 digits) for a sole proprietor. */
  readonly ogrn: string;
  readonly legalAddress: Address;
  readonly segment: Segment;
  readonly registeredOn: string;
  readonly phone: string;
  readonly email: string;
}

export interface Contact {
  readonly id: string;
  readonly clientId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string;
  /** Last, first and middle name, the Russian order. */
  readonly fullName: string;
  /** E.164, `+79XXXXXXXXX`. */
  readonly phone: string;
  readonly email: string;
  readonly position: string;
  /** The person's own 12-digit INN. */
  readonly inn: string;
  /** 11 digits, no separators. */
  readonly snils: string;
}

export type AuthorityKind = 'sign-payments' | 'view-accounts';

/** Who may sign payments and which accounts a person sees: what the internet bank enforces. */
export interface Authority {
  readonly id: string;
  readonly clientId: string;
  readonly contactId: string;
  readonly kind: AuthorityKind;
  readonly accountIds: readonly string[];
  readonly validFrom: string;
  /** Null while open-ended (a director's right); a power of attorney ends, and may have ended already. */
  readonly validTo: string | null;
}

export type TaskStatus = 'open' | 'in-progress' | 'done';

export interface CrmTask {
  readonly id: string;
  readonly clientId: string;
  readonly contactId: string | null;
  readonly subject: string;
  readonly description: string | null;
  readonly status: TaskStatus;
  readonly createdAt: string;
  readonly dueDate: string;
}

export type InteractionChannel = 'call' | 'email' | 'meeting' | 'chat';

export interface Interaction {
  readonly id: string;
  readonly clientId: string;
  readonly contactId: string;
  /** 1-based, in date order over the client's whole history. */
  readonly sequence: number;
  readonly at: string;
  readonly channel: InteractionChannel;
  readonly direction: 'inbound' | 'outbound';
  readonly summary: string;
}

export interface Account {
  readonly id: string;
  readonly clientId: string;
  /** 20 digits; the control key is valid for `bic`. */
  readonly number: string;
  readonly currency: Currency;
  /** The branch of the bank that holds the account. */
  readonly bic: string;
  /** Balance before the first posting of the world's history. */
  readonly openingBalanceMinor: number;
  readonly openedOn: string;
}

export interface Counterparty {
  readonly name: string;
  readonly inn: string;
  readonly accountNumber: string;
  readonly bic: string;
  /** The counterparty's index when it is a client of the world itself, else null. */
  readonly clientIndex: number | null;
}

export interface Posting {
  readonly id: string;
  readonly accountId: string;
  /** 1-based per account, in booking order: the ABS's per-account sequence. */
  readonly sequence: number;
  readonly bookedAt: string;
  /** Credits positive, debits negative. */
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly counterparty: Counterparty;
  readonly description: string;
}

export interface BankRequisites {
  readonly bankName: string;
  readonly bic: string;
  readonly correspondentAccount: string;
  /** Every account the client holds at this bank, in opening order. */
  readonly settlementAccounts: readonly string[];
}

/** What the MDM owns about a client. */
export interface LegalDetails {
  readonly clientId: string;
  readonly inn: string;
  readonly kpp: string | null;
  readonly ogrn: string;
  readonly legalAddress: Address;
  readonly bankRequisites: BankRequisites;
}

/** A window over a long history, in date order. `from` inclusive, `to` exclusive. */
export interface PageRequest {
  readonly from?: string;
  readonly to?: string;
  /** Default 100, at most 10 000 (one avalanche message's worth). */
  readonly limit?: number;
  readonly offset?: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Entries in the whole window, of which `items` are those from `offset` on. */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

export interface World {
  readonly seed: number;
  readonly clients: number;
  /** First instant of the history (inclusive) and the world's "now" (exclusive). */
  readonly historyFrom: string;
  readonly until: string;

  clientAt(index: number): Organisation;
  clientIdAt(index: number): string;
  /** The index a client id encodes, or undefined for ids of no client of this world. */
  indexOfClientId(id: string): number | undefined;
  contactsOf(index: number): readonly Contact[];
  authoritiesOf(index: number): readonly Authority[];
  tasksOf(index: number): readonly CrmTask[];
  accountsOf(index: number): readonly Account[];
  /** The account an id names, or undefined for ids of no account of this world. */
  accountById(id: string): Account | undefined;
  legalDetailsOf(index: number): LegalDetails;
  interactionsOf(index: number, page?: PageRequest): Page<Interaction>;
  /** Undefined for ids of no account of this world. */
  postingsOf(accountId: string, page?: PageRequest): Page<Posting> | undefined;
}
