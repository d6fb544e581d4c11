import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time: one getrandom() per 512 ids instead of one per id.
let pool = Buffer.alloc(0);
let poolAt = 0;
function random8(): Buffer {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 8;
  return pool.subarray(poolAt - 8, poolAt);
}

/**
 * A UUIDv7 (RFC 9562): 48-bit millisecond time, a 12-bit sequence, then random bits — the same
 * kind of id Prisma's `@default(uuid(7))` makes, for rows written by SQL in bulk whose ids the
 * caller needs up front. Ids made by one process only grow (the sequence orders ids of the same
 * millisecond), so "received_at, id" sorts deliveries in arrival order.
 */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = random8().readUInt16BE() & 0x1ff; // leave room to count up
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const bytes = Buffer.alloc(16);
  random8().copy(bytes, 8);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
