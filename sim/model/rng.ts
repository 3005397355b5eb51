/**
 * Deterministic randomness addressed by coordinates, not by sequence: the value for
 * (seed, function, minute, stream) is the same whichever order or window asks for it.
 * That is what lets the model answer any time range on demand without stored series.
 */

/** 32-bit mix (Murmur3 finalizer over a combined key). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Derives a sub-stream from a 32-bit base: cheap enough to call per invocation. */
export function derive(base: number, k: number): number {
  return mix32((base ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0);
}

/** Uniform in [0, 1) from a base and a sub-stream index. */
export function derivedUniform(base: number, k: number): number {
  return derive(base, k) / 4294967296;
}

/** The state `hash` starts from. */
export const HASH_START = 0x9e3779b9;

/**
 * Folds one integer coordinate into a hash state: `hash(a, b, c)` is
 * `hashStep(hashStep(hashStep(HASH_START, a), b), c)`, so callers that hash many keys sharing a
 * prefix (seed, function, minute) can fold the prefix once.
 */
export function hashStep(h: number, k: number): number {
  // Fold in the integer's low and high halves so minute indexes above 2^32 stay distinct (the
  // high half of the small non-negative integers most keys are is 0, without a division).
  const high = k >= 0 && k < 4294967296 ? 0 : Math.floor(k / 4294967296);
  return mix32(mix32(h ^ (k | 0)) ^ high);
}

/** Hashes integer coordinates into 32 bits. */
export function hash(...keys: number[]): number {
  let h = HASH_START;
  for (const k of keys) h = hashStep(h, k);
  return h;
}

/** Uniform in [0, 1) from coordinates. */
export function uniform(...keys: number[]): number {
  return hash(...keys) / 4294967296;
}

/** Standard normal from coordinates (Box-Muller on two derived uniforms). */
export function normal(...keys: number[]): number {
  const u1 = Math.max(uniform(...keys, 1), 1e-12);
  const u2 = uniform(...keys, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Rounds x up or down so that the expected value is x (u in [0,1)). */
export function stochasticRound(x: number, u: number): number {
  const f = Math.floor(x);
  return f + (u < x - f ? 1 : 0);
}

/** Stable 32-bit hash of a string (FNV-1a), to key streams by names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Acklam's coefficients, unpacked once: normalQuantile runs millions of times per GetMetricData at
// scale, and arrays built per call kept the garbage collector busy.
const [A0, A1, A2, A3, A4, A5] = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
] as const;
const [B0, B1, B2, B3, B4] = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
] as const;
const [C0, C1, C2, C3, C4, C5] = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const [D0, D1, D2, D3] = [
  0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416,
] as const;
const P_LOW = 0.02425;

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
      ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
    );
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) /
      ((((D0 * q + D1) * q + D2) * q + D3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) /
    (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1)
  );
}
