// lib/email/send-email.ts: every message lands in the outbox; without SMTP it is only logged.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { uniqueEmail } from "../factories";

afterEach(() => {
  delete process.env.SMTP_URL;
  vi.restoreAllMocks();
});

describe("sendEmail", () => {
  it("without SMTP_URL, logs the message and keeps it in the outbox as LOGGED", async () => {
    const log = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const to = uniqueEmail();
    await expect(sendEmail({ to, subject: "Hello", text: "Body text" })).resolves.toEqual({ delivered: false });
    expect(await db.emailOutbox.findMany({ where: { to } })).toEqual([
      expect.objectContaining({ subject: "Hello", text: "Body text", status: "LOGGED", attempts: 1, sentAt: null }),
    ]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("Body text"));
  });

  it("records a delivery failure instead of throwing", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    process.env.SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens on port 1
    const to = uniqueEmail();
    await expect(sendEmail({ to, subject: "Hello", text: "Body" })).resolves.toEqual({ delivered: false });
    const [row] = await db.emailOutbox.findMany({ where: { to } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row!.error).toMatch(/ECONNREFUSED|connect/i);
  });
});
