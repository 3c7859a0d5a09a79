import { hash32 } from './prng.ts';

/**
 * Ids of the seeded world are UUIDs (version 8, "custom") that carry what they name, so a look-up
 * by id needs no map from ids to records:
 *
 *   iiiiiiii-tttt-8ess-Vccc-nnnnnnnnnnnn
 *   i  client index, scrambled by an invertible 32-bit permutation (ids do not look sequential)
 *   t  16-bit tag of the world's seed (ids of another world are rejected)
 *   e  entity kind, s the entity's slot under its client (contact 0..3, account 0..4, ...)
 *   V  RFC variant bits with c: a 14-bit check over everything, so a made-up UUID is refused
 *   n  48-bit serial (a posting's sequence, an interaction's ordinal), scrambled like i
 */
export type WorldEntity = 'client' | 'contact' | 'authority' | 'task' | 'account' | 'posting' | 'interaction';

const ENTITY_CODES: readonly WorldEntity[] = [
  'client',
  'contact',
  'authority',
  'task',
  'account',
  'posting',
  'interaction',
];

export interface WorldIdParts {
  readonly entity: WorldEntity;
  readonly index: number;
  readonly slot: number;
  readonly serial: number;
}

export interface WorldIdCodec {
  encode(entity: WorldEntity, index: number, slot?: number, serial?: number): string;
  decode(id: string): WorldIdParts | undefined;
}

const TWO_POW_32 = 4_294_967_296;
const MAX_SERIAL = 2 ** 48 - 1;
const UUID =
  /^([0-9a-f]{8})-([0-9a-f]{4})-8([0-9a-f])([0-9a-f]{2})-([89ab][0-9a-f]{3})-([0-9a-f]{4})([0-9a-f]{8})$/;

// Odd multipliers are invertible modulo 2^32; Newton's iteration finds the inverse in five steps.
const MULTIPLIER_A = 0x2c1b3c6d;
const MULTIPLIER_B = 0x297a2d39;
function inverse(odd: number): number {
  let inv = odd;
  for (let i = 0; i < 5; i++) inv = Math.imul(inv, 2 - Math.imul(odd, inv));
  return inv >>> 0;
}
const INVERSE_A = inverse(MULTIPLIER_A);
const INVERSE_B = inverse(MULTIPLIER_B);

// A byte table: toString(16).padStart() was a sixth of the cost of deriving a client.
const BYTE_HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));

function hex16(value: number): string {
  return `${BYTE_HEX[(value >>> 8) & 0xff]}${BYTE_HEX[value & 0xff]}`;
}

function hex32(value: number): string {
  return `${hex16(value >>> 16)}${hex16(value & 0xffff)}`;
}

export function createWorldIdCodec(seed: number): WorldIdCodec {
  const tag = hash32(seed, 0x1d) & 0xffff;
  const indexKey = hash32(seed, 0x1e);

  const scramble = (value: number, key: number): number => {
    let x = Math.imul((value ^ key) >>> 0, MULTIPLIER_A) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    return Math.imul(x, MULTIPLIER_B) >>> 0;
  };
  const unscramble = (value: number, key: number): number => {
    let x = Math.imul(value, INVERSE_B) >>> 0;
    x = (x ^ (x >>> 16)) >>> 0;
    return (Math.imul(x, INVERSE_A) ^ key) >>> 0;
  };
  const masks = (code: number, index: number, slot: number): [number, number] => [
    hash32(seed, 0x1f, code, index, slot) & 0xffff,
    hash32(seed, 0x20, code, index, slot),
  ];
  const check = (code: number, index: number, slot: number, serial: number): number =>
    hash32(seed, 0x21, code, index, slot, serial) & 0x3fff;

  return {
    encode(entity, index, slot = 0, serial = 0) {
      const code = ENTITY_CODES.indexOf(entity);
      if (!Number.isInteger(index) || index < 0 || index >= TWO_POW_32 || slot < 0 || slot > 0xff) {
        throw new RangeError(`Failed to encode a ${entity} id: index ${index} / slot ${slot} out of range.`);
      }
      if (!Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL) {
        throw new RangeError(`Failed to encode a ${entity} id: serial ${serial} is not a 48-bit integer.`);
      }
      const [maskHigh, maskLow] = masks(code, index, slot);
      const serialHigh = (Math.floor(serial / TWO_POW_32) ^ maskHigh) & 0xffff;
      const serialLow = scramble(serial >>> 0, maskLow);
      return (
        `${hex32(scramble(index, indexKey))}-${hex16(tag)}-8${code.toString(16)}${BYTE_HEX[slot]}-` +
        `${hex16(0x8000 | check(code, index, slot, serial))}-${hex16(serialHigh)}${hex32(serialLow)}`
      );
    },

    decode(id) {
      const match = UUID.exec(typeof id === 'string' ? id.toLowerCase() : '');
      if (!match) return undefined;
      const [, indexHex, tagHex, codeHex, slotHex, checkHex, highHex, lowHex] = match as unknown as string[];
      const code = Number.parseInt(codeHex as string, 16);
      const entity = ENTITY_CODES[code];
      if (entity === undefined || Number.parseInt(tagHex as string, 16) !== tag) return undefined;
      const index = unscramble(Number.parseInt(indexHex as string, 16), indexKey);
      const slot = Number.parseInt(slotHex as string, 16);
      const [maskHigh, maskLow] = masks(code, index, slot);
      const high = (Number.parseInt(highHex as string, 16) ^ maskHigh) & 0xffff;
      const low = unscramble(Number.parseInt(lowHex as string, 16), maskLow);
      const serial = high * TWO_POW_32 + low;
      if ((Number.parseInt(checkHex as string, 16) & 0x3fff) !== check(code, index, slot, serial))
        return undefined;
      return { entity, index, slot, serial };
    },
  };
}
