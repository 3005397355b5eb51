import { describe, expect, it } from "vitest";
import { AwsCallError } from "./aws/errors";
import { AppError, BadRequestError, NotFoundError } from "./server/errors";

/** A copy of a class from another bundle carries the same brand: instanceof must still hold. */
describe("branded errors", () => {
  it("recognises an AppError made by another copy of the class", () => {
    const foreign = Object.assign(Object.create(Error.prototype) as object, {
      [Symbol.for("headroom.AppError")]: true,
      code: "access_denied",
    });
    expect(foreign instanceof AppError).toBe(true);
    expect(new Error("x") instanceof AppError).toBe(false);
  });

  it("keeps subclass checks exact", () => {
    const bad = new BadRequestError("range", "must be a preset");
    expect(bad instanceof AppError).toBe(true);
    expect(bad instanceof BadRequestError).toBe(true);
    expect(bad instanceof NotFoundError).toBe(false);
    expect(new AppError("internal_error", "x") instanceof BadRequestError).toBe(false);
  });

  it("brands AwsCallError too", () => {
    const foreign = { [Symbol.for("headroom.AwsCallError")]: true };
    expect(foreign instanceof AwsCallError).toBe(true);
    expect({} instanceof AwsCallError).toBe(false);
  });
});
