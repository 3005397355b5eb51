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

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
}
