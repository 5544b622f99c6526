// Request lines refused before routing (lib/http/request-line.ts, mounted by scripts/serve.ts and
// proxy.ts): echo methods, malformed percent-encodings and NUL in page addresses; gateway paths and
// queries are left to the gateway's own rules.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { refuseRequestLine, requestLineProblem } from "@/lib/http/request-line";

describe("requestLineProblem", () => {
  it("refuses TRACE and TRACK on any path, the gateway's included", () => {
    for (const method of ["TRACE", "trace", "TRACK"]) {
      expect(requestLineProblem(method, "/catalog")).toMatch(/not supported/);
      expect(requestLineProblem(method, "/api/gateway/demo/echo")).toMatch(/not supported/);
    }
  });

  it("refuses a malformed percent-encoding or a NUL in a page's path or query", () => {
    expect(requestLineProblem("GET", "/catalog/%ff")).toMatch(/malformed percent-encoding/);
    expect(requestLineProblem("GET", "/%E0%A4%A")).toMatch(/malformed percent-encoding/);
    expect(requestLineProblem("POST", "/catalog/a%00b")).toMatch(/NUL/);
    expect(requestLineProblem("GET", "/acme/usage?path=%2Fv1%00")).toMatch(/NUL/);
    expect(requestLineProblem("GET", "/api/v1/teams?cursor=%00")).toMatch(/NUL/);
  });

  it("leaves ordinary addresses and gateway paths alone", () => {
    for (const url of ["/", "/catalog?q=caf%C3%A9+%F0%9F%98%80", "/acme/usage?path=%2Fv1%2Fx", "/api/gateway/demo/%ff?q=%00", undefined]) {
      expect(requestLineProblem("GET", url)).toBeNull();
    }
  });
});

describe("refuseRequestLine", () => {
  it("answers a refused request with a 400 problem", () => {
    const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
    const res = {
      writeHead: (status: number, headers: Record<string, string>) => Object.assign(written, { status, headers }),
      end: (body: string) => void (written.body = body),
    } as unknown as ServerResponse;
    expect(refuseRequestLine("TRACE", "/", res)).toBe(true);
    expect(written).toMatchObject({ status: 400, headers: { "content-type": "application/problem+json" } });
    expect(JSON.parse(written.body!)).toMatchObject({ status: 400, code: "bad_request", detail: expect.stringContaining("TRACE") });
    expect(refuseRequestLine("GET", "/catalog", res)).toBe(false);
  });
});
