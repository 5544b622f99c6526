// The headers a gateway caller gets from the upstream's answer: relayed, but never sniffable
// (answers share the portal's origin), and never the page's Content-Security-Policy.
import { describe, expect, it } from "vitest";
import { callerResponseHeaders } from "@/lib/gateway/headers";

describe("callerResponseHeaders", () => {
  it("adds nosniff whatever the upstream said, and leaves its other headers as they were", () => {
    const headers = callerResponseHeaders({
      "content-type": "text/plain",
      "x-content-type-options": "sniff-away",
      "cache-control": "max-age=60",
    });
    expect(Object.fromEntries(headers)).toEqual({
      "content-type": "text/plain",
      "x-content-type-options": "nosniff",
      "cache-control": "max-age=60",
    });
    expect(headers.map(([name]) => name)).not.toContain("content-security-policy");
  });
});
