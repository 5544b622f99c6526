// A GatewayError thrown by a copy of the class from another bundle is still a GatewayError: the
// gateway answers it as the refusal it is, never as a 500 (Prompt API handlers are installed from
// instrumentation's bundle and run inside a route's).
import { describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/gateway/gateway-error";

describe("GatewayError", () => {
  it("is recognised across copies of the module, and nothing else is", async () => {
    const copy = (await import(`@/lib/gateway/gateway-error?copy=${Date.now()}`)) as typeof import("@/lib/gateway/gateway-error");
    expect(copy.GatewayError).not.toBe(GatewayError);
    const foreign = new copy.GatewayError("validation_failed", "words: Must be a number.");
    expect(foreign instanceof GatewayError).toBe(true);
    expect(new GatewayError("not_found", "x") instanceof copy.GatewayError).toBe(true);
    expect(new Error("plain") instanceof GatewayError).toBe(false);
    expect({ code: "validation_failed" } instanceof GatewayError).toBe(false);
  });
});
