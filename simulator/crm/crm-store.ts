import {
  type CrmChange,
  type CrmChangeOrigin,
  type CrmEntity,
  type CrmFieldsByEntity,
  type CrmRecord,
  crmFieldsSchemas,
} from '../../contracts/crm/crm-records.ts';
import type { Clock } from '../../infra/clock.ts';
import { type CrmBaseData, firstCreatedId, seededOwner } from './crm-base-data.ts';

export type CrmChangeListener = (change: CrmChange, record: CrmRecord | null) => void;

/** A change made behind the API (a direct database fix): no event was emitted. Checkers read these. */
export interface CrmDrift {
  readonly entity: CrmEntity;
  readonly id: string;
  readonly fields: readonly string[];
  readonly at: string;
}

export class CrmRecordNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}

/**
 * The CRM's one store behind REST, webhooks, change events and the MQ feed. Seeded records come
 * from the base data on demand; everything changed since lives in an overlay (a deleted record is
 * an overlay entry of `null`). Every change through `create`/`update`/`remove` is emitted to the
 * listeners; a grey edit is not, and is recorded as drift instead.
 */
export class CrmStore {
  readonly drift: CrmDrift[] = [];
  private readonly base: CrmBaseData;
  private readonly clock: Clock;
  private readonly overlay = new Map<CrmEntity, Map<number, CrmRecord | null>>();
  private readonly nextId = new Map<CrmEntity, number>();
  private readonly byExternalId = new Map<string, number>();
  private readonly listeners = new Set<CrmChangeListener>();

  constructor(base: CrmBaseData, clock: Clock) {
    this.base = base;
    this.clock = clock;
  }

  onChange(listener: CrmChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get<E extends CrmEntity>(entity: E, id: string): CrmRecord<E> | undefined {
    const number = Number(id);
    if (!Number.isSafeInteger(number)) return undefined;
    const changed = this.overlayOf(entity).get(number);
    if (changed !== undefined) return (changed ?? undefined) as CrmRecord<E> | undefined;
    return this.seeded(entity, number) as CrmRecord<E> | undefined;
  }

  findByExternalId<E extends CrmEntity>(entity: E, externalId: string): CrmRecord<E> | undefined {
    const number = this.byExternalId.get(`${entity}:${externalId}`);
    if (number !== undefined) return this.get(entity, String(number));
    // Seeded companies carry the bank's client id as their external id, unless it was changed since.
    const seeded = entity === 'company' ? this.base.companyByExternalId(externalId) : undefined;
    const record = seeded === undefined ? undefined : this.get(entity, String(seeded));
    return record?.externalId === externalId ? record : undefined;
  }

  /** Every live record of an entity, seeded ones first in id order, then those created since. */
  *all<E extends CrmEntity>(entity: E): Generator<CrmRecord<E>> {
    const overlay = this.overlayOf(entity);
    for (let company = 1; company <= this.base.companies; company++) {
      const seeded: CrmRecord[] =
        entity === 'company'
          ? [this.base.companyAt(company)]
          : this.base.childrenOf(company)[entity as 'contact'];
      for (const record of seeded as unknown as CrmRecord<E>[]) {
        const changed = overlay.get(Number(record.id));
        if (changed === null) continue;
        yield (changed ?? record) as CrmRecord<E>;
      }
    }
    for (const [number, record] of overlay) {
      if (record && number >= firstCreatedId(entity, this.base)) yield record as unknown as CrmRecord<E>;
    }
  }

  create<E extends CrmEntity>(
    entity: E,
    fields: CrmFieldsByEntity[E],
    origin: CrmChangeOrigin,
    externalId: string | null = null,
  ): CrmRecord<E> {
    const valid = crmFieldsSchemas[entity].parse(fields) as CrmFieldsByEntity[E];
    const number = this.nextId.get(entity) ?? firstCreatedId(entity, this.base);
    this.nextId.set(entity, number + 1);
    const now = this.now();
    const record = {
      ...valid,
      id: String(number),
      externalId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } as CrmRecord<E>;
    this.put(entity, record);
    this.emit(entity, record, 'create', Object.keys(valid), origin);
    return record;
  }

  update<E extends CrmEntity>(
    entity: E,
    id: string,
    patch: Partial<CrmFieldsByEntity[E]>,
    origin: CrmChangeOrigin,
  ): CrmRecord<E> {
    const { record, changed } = this.apply(entity, id, patch);
    if (changed.length > 0) this.emit(entity, record, 'update', changed, origin);
    return record;
  }

  remove(entity: CrmEntity, id: string, origin: CrmChangeOrigin): void {
    const record = this.require(entity, id);
    this.overlayOf(entity).set(Number(id), null);
    if (record.externalId) this.byExternalId.delete(`${entity}:${record.externalId}`);
    const deleted = { ...record, version: record.version + 1, updatedAt: this.now() };
    this.emit(entity, deleted, 'delete', [], origin, null);
  }

  /** Sets the bank's id on a record, e.g. after an upsert by external id created it. */
  setExternalId(entity: CrmEntity, id: string, externalId: string, origin: CrmChangeOrigin): CrmRecord {
    const current = this.require(entity, id);
    if (current.externalId === externalId) return current;
    const record = { ...current, externalId, version: current.version + 1, updatedAt: this.now() };
    this.put(entity, record);
    this.emit(entity, record, 'update', ['externalId'], origin);
    return record;
  }

  /** Changes a record behind the API: the version moves on, no event is emitted, drift is recorded. */
  greyEdit<E extends CrmEntity>(entity: E, id: string, patch: Partial<CrmFieldsByEntity[E]>): CrmRecord<E> {
    const { record, changed } = this.apply(entity, id, patch);
    if (changed.length > 0) this.drift.push({ entity, id, fields: changed, at: record.updatedAt });
    return record;
  }

  private apply<E extends CrmEntity>(
    entity: E,
    id: string,
    patch: Partial<CrmFieldsByEntity[E]>,
  ): { record: CrmRecord<E>; changed: string[] } {
    const current = this.require(entity, id);
    const changed = Object.keys(patch).filter(
      (key) =>
        JSON.stringify((patch as Record<string, unknown>)[key]) !==
        JSON.stringify((current as unknown as Record<string, unknown>)[key]),
    );
    if (changed.length === 0) return { record: current, changed };
    const merged = { ...current, ...patch };
    crmFieldsSchemas[entity].parse(merged);
    const record = { ...merged, version: current.version + 1, updatedAt: this.now() } as CrmRecord<E>;
    this.put(entity, record);
    return { record, changed };
  }

  private require<E extends CrmEntity>(entity: E, id: string): CrmRecord<E> {
    const record = this.get(entity, id);
    if (!record) throw new CrmRecordNotFoundError(`No ${entity} ${id} in the CRM.`);
    return record;
  }

  private put(entity: CrmEntity, record: CrmRecord): void {
    const previous = this.get(entity, record.id);
    if (previous?.externalId && previous.externalId !== record.externalId) {
      this.byExternalId.delete(`${entity}:${previous.externalId}`);
    }
    this.overlayOf(entity).set(Number(record.id), record);
    if (record.externalId) this.byExternalId.set(`${entity}:${record.externalId}`, Number(record.id));
  }

  private seeded(entity: CrmEntity, number: number): CrmRecord | undefined {
    const company = seededOwner(entity, number, this.base);
    if (company === undefined) return undefined;
    if (entity === 'company') return this.base.companyAt(company);
    return (this.base.childrenOf(company)[entity] as CrmRecord[]).find((r) => r.id === String(number));
  }

  private overlayOf(entity: CrmEntity): Map<number, CrmRecord | null> {
    let map = this.overlay.get(entity);
    if (!map) {
      map = new Map();
      this.overlay.set(entity, map);
    }
    return map;
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private emit(
    entity: CrmEntity,
    record: CrmRecord,
    operation: CrmChange['operation'],
    changedFields: string[],
    origin: CrmChangeOrigin,
    live: CrmRecord | null = record,
  ): void {
    const change: CrmChange = {
      entity,
      id: record.id,
      operation,
      sequence: record.version,
      changedFields,
      origin,
      at: record.updatedAt,
    };
    for (const listener of this.listeners) listener(change, live);
  }
}
