import { describe, expect, it, vi, afterEach } from "vitest";
import { newRequestId } from "@/lib/http/request-id";

afterEach(() => vi.useRealTimers());

describe("newRequestId", () => {
  it("is req_ and 32 hex digits, unique over many ids made in the same millisecond", () => {
    vi.useFakeTimers({ now: new Date("2026-12-07T12:00:00.000Z"), toFake: ["Date"] });
    const ids = Array.from({ length: 5_000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    // Same time prefix, different random parts.
    expect(new Set(ids.map((id) => id.slice(0, 16))).size).toBe(1);
  });

  it("sorts by the time it was made", () => {
    vi.useFakeTimers({ now: new Date("2026-12-07T12:00:00.000Z"), toFake: ["Date"] });
    const made: string[] = [];
    for (let step = 0; step < 50; step++) {
      made.push(newRequestId());
      vi.setSystemTime(Date.now() + 1 + step * 997);
    }
    expect([...made].sort()).toEqual(made);
    expect(made[0]!.slice(4, 16)).toBe(new Date("2026-12-07T12:00:00.000Z").getTime().toString(16).padStart(12, "0"));
  });
});
