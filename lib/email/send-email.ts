// Sends email through SMTP_URL when configured. Without SMTP the message is written to the server
// log and kept in the outbox (status LOGGED), where platform admins can read it.
import nodemailer from "nodemailer";
import { db } from "@/lib/db";

type Email = { to: string; subject: string; text: string };

let transport: nodemailer.Transporter | undefined;

export async function sendEmail(email: Email): Promise<{ delivered: boolean }> {
  const entry = await db.emailOutbox.create({ data: { ...email, status: "PENDING" } });
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    console.info(`[email] (SMTP_URL not set; not sent) to=${email.to} subject="${email.subject}"\n${email.text}`);
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
    console.error(`[email] delivery to ${email.to} failed: ${message}`);
    await db.emailOutbox.update({ where: { id: entry.id }, data: { status: "FAILED", attempts: 1, error: message.slice(0, 500) } });
    return { delivered: false };
  }
}
