/**
 * `instanceof` across bundles. Next bundles route handlers and pages separately, so one error
 * class can exist twice in a process, and an error cached by one bundle fails the other's
 * `instanceof`. A branded class recognises its instances by a process-wide symbol instead;
 * subclasses keep the ordinary prototype check.
 */
export function isBranded(self: unknown, base: unknown, brand: symbol, value: unknown): boolean {
  if (self === base)
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  return typeof self === "function" && Function.prototype[Symbol.hasInstance].call(self, value);
}
