// Sends email through SMTP_URL when configured. Without SMTP the message is written to the server
// log and kept in the outbox (status LOGGED), where platform admins can read it.
import nodemailer from "nodemailer";
import { db } from "@/lib/db";
import { moduleLogger, UNSENT_EMAIL_FIELD } from "@/lib/log/logger";

const log = moduleLogger("email");

type Email = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | undefined;

export async function sendEmail(email: Email): Promise<{ delivered: boolean }> {
  const entry = await db.emailOutbox.create({ data: { ...email, status: "PENDING" } });
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    log.info(
      { to: email.to, subject: email.subject, [UNSENT_EMAIL_FIELD]: email.text },
      "email not sent (SMTP_URL is not set): its text is in this line",
    );
    await db.emailOutbox.update({ where: { id: entry.id }, data: { status: "LOGGED", attempts: 1 } });
    return { delivered: false };
  }
  try {
    transport ??= nodemailer.createTransport(smtpUrl);
    await transport.sendMail({ from: process.env.EMAIL_FROM ?? "Tollgate <no-reply@localhost>", ...email });
    await db.emailOutbox.update({ where: { id: entry.id }, data: { status: "SENT", attempts: 1, sentAt: new Date() } });
    return { delivered: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ to: email.to, err: error }, "email delivery failed");
    await db.emailOutbox.update({ where: { id: entry.id }, data: { status: "FAILED", attempts: 1, error: message.slice(0, 500) } });
    return { delivered: false };
  }
}
