// Percentage rollouts: a targeting key lands in one of 10,000 buckets, by a stable hash of the flag key
// and the targeting key. A key whose bucket is below the percentage (×100) gets the rollout value, so
// growing the percentage only ever adds keys: nobody flips back and forth while a rollout widens.
// Plain module: the unit tests, the evaluator and any other implementation can reproduce it.

export const BUCKETS = 10_000;

/** MurmurHash3 (x86, 32-bit) of the UTF-8 bytes of `text`. Widely implemented, so clients can check. */
export function murmur3(text: string, seed = 0): number {
  const bytes = utf8(text);
  const length = bytes.length;
  const blocks = length >>> 2;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const j = i << 2;
    let k = (bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24)) >>> 0;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  const tail = blocks << 2;
  const rest = length & 3;
  if (rest > 0) {
    let k1 = 0;
    if (rest === 3) k1 ^= bytes[tail + 2]! << 16;
    if (rest >= 2) k1 ^= bytes[tail + 1]! << 8;
    k1 ^= bytes[tail]!;
    k1 = Math.imul(k1, 0xcc9e2d51);
    k1 = (k1 << 15) | (k1 >>> 17);
    k1 = Math.imul(k1, 0x1b873593);
    h ^= k1;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const encoder = new TextEncoder();
const ascii: number[] = [];

/** ASCII keys (the common case) skip the encoder: this runs 50 times per bulk evaluation. */
function utf8(text: string): ArrayLike<number> {
  ascii.length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return encoder.encode(text);
    ascii.push(code);
  }
  return ascii;
}

/** The bucket (0–9,999) of a targeting key for a flag. */
export function bucketOf(flagKey: string, targetingKey: string): number {
  return murmur3(`${flagKey}/${targetingKey}`) % BUCKETS;
}

/** Whether the targeting key is inside a rollout of `percentage` (0–100, whole or fractional). */
export function inRollout(flagKey: string, targetingKey: string, percentage: number): boolean {
  if (percentage <= 0) return false;
  if (percentage >= 100) return true;
  return bucketOf(flagKey, targetingKey) < Math.round(percentage * (BUCKETS / 100));
}
