// Keys and APIs for key tests: real rows through the domain functions, unique names per call.
import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/audit/actor";
import { createApiKey, createApiKeySchema, type CreateApiKeyInput } from "@/lib/keys/create-api-key";

export const userActor = (userId: string): Actor => ({ type: "USER", userId });

/** A published API (its upstream is never called by key tests). */
export async function createTestApi(name = "Test API") {
  const slug = `test-api-${crypto.randomBytes(4).toString("hex")}`;
  return db.api.create({
    data: { slug, name: `${name} ${slug}`, upstreamBaseUrl: "http://127.0.0.1:9", status: "PUBLISHED", publishedAt: new Date() },
  });
}

/** A full create input: the schema's defaults with a name and any overrides. */
export function keyInput(overrides: Partial<CreateApiKeyInput> = {}): CreateApiKeyInput {
  return createApiKeySchema.parse({ name: `Key ${crypto.randomBytes(3).toString("hex")}`, ...overrides });
}

export async function createKey(teamId: string, actor: Actor, overrides: Partial<CreateApiKeyInput> = {}) {
  return createApiKey(teamId, keyInput(overrides), actor);
}

export const keyRow = (id: string) => db.apiKey.findUniqueOrThrow({ where: { id } });
