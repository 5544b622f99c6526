// The email outbox, newest first, for the admin outbox page: without SMTP_URL, mail is only logged
// and kept here (status LOGGED), so this is where an operator reads it.
import { db } from "@/lib/db";
import { pageWindow, toPaged, type Paged } from "@/lib/http/pagination";

export type OutboxRow = {
  id: string;
  to: string;
  subject: string;
  text: string;
  status: "PENDING" | "SENT" | "LOGGED" | "FAILED";
  error: string | null;
  createdAt: Date;
};

export async function listEmailOutbox(page: number): Promise<Paged<OutboxRow>> {
  const rows = await db.emailOutbox.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, to: true, subject: true, text: true, status: true, error: true, createdAt: true },
    ...pageWindow(page),
  });
  return toPaged(rows, page);
}
