// lib/email/send-email.ts: every message lands in the outbox; without SMTP it is only logged.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/send-email";
import { uniqueEmail } from "../factories";
import { UNSENT_EMAIL_FIELD } from "@/lib/log/logger";
import { captureLogs, LEVEL } from "../support/log-capture";

afterEach(() => {
  delete process.env.SMTP_URL;
  vi.restoreAllMocks();
});

describe("sendEmail", () => {
  it("without SMTP_URL, logs the message and keeps it in the outbox as LOGGED", async () => {
    const logs = captureLogs();
    const to = uniqueEmail();
    await expect(sendEmail({ to, subject: "Hello", text: "Body text" })).resolves.toEqual({ delivered: false });
    expect(await db.emailOutbox.findMany({ where: { to } })).toEqual([
      expect.objectContaining({ subject: "Hello", text: "Body text", status: "LOGGED", attempts: 1, sentAt: null }),
    ]);
    logs.stop();
    // The log is the delivery without SMTP: the text stays readable (links included).
    expect(logs.lines()).toEqual([expect.objectContaining({ module: "email", to, subject: "Hello", [UNSENT_EMAIL_FIELD]: "Body text" })]);
  });

  it("records a delivery failure instead of throwing", async () => {
    const logs = captureLogs();
    process.env.SMTP_URL = "smtp://mailer:smtp-password@127.0.0.1:1"; // nothing listens on port 1
    const to = uniqueEmail();
    await expect(sendEmail({ to, subject: "Hello", text: "Body" })).resolves.toEqual({ delivered: false });
    const [row] = await db.emailOutbox.findMany({ where: { to } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(row!.error).toMatch(/ECONNREFUSED|connect/i);
    logs.stop();
    expect(logs.lines()).toEqual([expect.objectContaining({ level: LEVEL.error, module: "email", to, msg: "email delivery failed" })]);
    expect(logs.text()).not.toContain("smtp-password");
  });
});
