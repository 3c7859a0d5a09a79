import { describe, expect, it } from 'vitest';
import { Rng } from './prng.ts';
import { createWorldIdCodec, type WorldEntity } from './world-id.ts';

const ENTITIES: readonly WorldEntity[] = [
  'client',
  'contact',
  'authority',
  'task',
  'account',
  'posting',
  'interaction',
];
const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('world ids', () => {
  it('round-trips every entity, index, slot and serial through a version-8 UUID', () => {
    const codec = createWorldIdCodec(11);
    const rng = new Rng(9);
    for (let i = 0; i < 5_000; i++) {
      const parts = {
        entity: rng.pick(ENTITIES),
        index: rng.int(0, 2 ** 32 - 1),
        slot: rng.int(0, 255),
        serial: rng.chance(0.5) ? rng.int(0, 200_000) : rng.int(0, 2 ** 48 - 1),
      };
      const id = codec.encode(parts.entity, parts.index, parts.slot, parts.serial);
      expect(id).toMatch(UUID_V8);
      expect(codec.decode(id)).toEqual(parts);
      expect(codec.decode(id.toUpperCase())).toEqual(parts);
    }
  });

  it('gives every client its own id', () => {
    const codec = createWorldIdCodec(11);
    const ids = new Set<string>();
    for (let index = 0; index < 100_000; index++) ids.add(codec.encode('client', index));
    expect(ids.size).toBe(100_000);
  });

  it('refuses ids of another world, tampered ids and random UUIDs', () => {
    const codec = createWorldIdCodec(11);
    const id = codec.encode('account', 1234, 2);
    expect(createWorldIdCodec(12).decode(id)).toBeUndefined();
    const tampered = `${id.slice(0, 35)}${id[35] === '0' ? '1' : '0'}`;
    expect(codec.decode(tampered)).toBeUndefined();
    expect(codec.decode('not-a-uuid')).toBeUndefined();
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) if (codec.decode(crypto.randomUUID()) !== undefined) accepted++;
    expect(accepted).toBe(0);
  });

  it('rejects values it cannot carry', () => {
    const codec = createWorldIdCodec(11);
    expect(() => codec.encode('client', -1)).toThrow(RangeError);
    expect(() => codec.encode('contact', 1, 256)).toThrow(RangeError);
    expect(() => codec.encode('posting', 1, 0, 2 ** 48)).toThrow(RangeError);
  });
});
