// scripts/e2e-server.ts runs two app instances on one database with one admin token; specs reach
// the second through e2e/fixtures/instances.ts (multi-instance behaviour: revocation, shared credit).
import crypto from "node:crypto";
import { test, expect } from "@playwright/test";
import { adminToken, secondBaseUrl } from "../fixtures/instances";

const admin = () => ({ authorization: `Bearer ${adminToken()}` });

test("both app instances answer their health check", async ({ request, baseURL }) => {
  expect(secondBaseUrl()).not.toBe(baseURL);
  for (const origin of [baseURL!, secondBaseUrl()]) {
    const response = await request.get(`${origin}/api/health`);
    expect(response.status(), origin).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  }
});

test("both instances accept the worker's admin token and share one database", async ({ request, baseURL }) => {
  const name = `Instances ${crypto.randomBytes(4).toString("hex")}`;
  const created = await request.post(`${baseURL}/api/v1/teams`, { headers: admin(), data: { name } });
  expect(created.status(), await created.text()).toBe(201);
  const { slug } = await created.json();

  const read = await request.get(`${secondBaseUrl()}/api/v1/teams/${slug}`, { headers: admin() });
  expect(read.status(), await read.text()).toBe(200);
  expect(await read.json()).toMatchObject({ slug, name });

  const wrong = await request.get(`${secondBaseUrl()}/api/v1/teams/${slug}`, { headers: { authorization: `Bearer ${adminToken()}x` } });
  expect(wrong.status()).toBe(401);
});
