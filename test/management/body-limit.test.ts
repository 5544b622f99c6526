// Management API bodies are read up to a limit and no further: a body past it is a 413 problem,
// however it is framed, and the limit leaves room for an API with a full 1 MiB OpenAPI document.
import { describe, expect, it } from "vitest";
import * as apisRoute from "@/app/api/v1/apis/route";
import { MAX_BODY_BYTES } from "@/lib/management/read-request";
import { apiBody, call } from "../support/management-factories";

describe("a management request body", () => {
  it("past the limit is a 413 problem, streamed or whole", async () => {
    const huge = JSON.stringify(apiBody({ description: "x".repeat(MAX_BODY_BYTES) }));
    expect(await call(apisRoute.POST, "POST", "/api/v1/apis", { rawBody: huge })).toMatchObject({
      status: 413,
      body: { code: "payload_too_large" },
    });

    const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("http://localhost/api/v1/apis", {
      method: "POST",
      headers: { authorization: `Bearer ${process.env.TOLLGATE_ADMIN_TOKEN}` },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const response = await apisRoute.POST(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(MAX_BODY_BYTES * 2);
  });

  it("with a 1 MiB OpenAPI document fits", async () => {
    const document = { openapi: "3.1.0", info: { title: "Big", version: "1", description: "x".repeat(1024 * 1024 - 200) }, paths: {} };
    const result = await call(apisRoute.POST, "POST", "/api/v1/apis", { body: apiBody({ openapi: document }) });
    expect(result.status, JSON.stringify(result.body).slice(0, 300)).toBe(201);
  });
});
