// The guard that keeps destructive test setup (CREATE/DROP DATABASE) off non-local servers.
import { afterEach, describe, expect, it } from "vitest";
import { assertLocalDatabase } from "./support/database";

afterEach(() => {
  delete process.env.TEST_ALLOW_REMOTE_DB;
});

describe("assertLocalDatabase", () => {
  it.each([
    "postgresql://u:p@localhost:5432/postgres",
    "postgresql://u:p@127.0.0.1/postgres",
    "postgres://u:p@[::1]:5432/postgres",
    "postgresql:///postgres?host=/var/run/postgresql",
  ])("accepts %s", (url) => expect(() => assertLocalDatabase(url)).not.toThrow());

  it.each([
    "postgresql://u:p@db.example.com:5432/postgres",
    "postgresql://u:p@10.0.0.5/postgres",
    "postgresql://u:p@localhost.evil.test/postgres",
    "postgresql://u:p@/postgres?host=db.internal",
  ])("refuses %s", (url) => expect(() => assertLocalDatabase(url)).toThrow(/Refusing/));

  it("allows a remote server only with TEST_ALLOW_REMOTE_DB=true", () => {
    process.env.TEST_ALLOW_REMOTE_DB = "1";
    expect(() => assertLocalDatabase("postgresql://u:p@db.example.com/postgres")).toThrow(/Refusing/);
    process.env.TEST_ALLOW_REMOTE_DB = "true";
    expect(() => assertLocalDatabase("postgresql://u:p@db.example.com/postgres")).not.toThrow();
  });
});
