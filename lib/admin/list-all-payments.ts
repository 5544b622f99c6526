// Every Stripe payment for credit (Checkout top-ups and auto-recharges), newest first, for the
// admin payments page.
import { db, type PaymentKind, type PaymentStatus } from "@/lib/db";
import { pageWindow, toPaged, type Paged } from "@/lib/http/pagination";

export type PaymentRow = {
  id: string;
  kind: PaymentKind;
  status: PaymentStatus;
  amount: bigint;
  amountRefunded: bigint;
  currency: string;
  receiptUrl: string | null;
  createdAt: Date;
  team: { slug: string; name: string };
};

export async function listAllPayments(page: number): Promise<Paged<PaymentRow>> {
  const rows = await db.payment.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      kind: true,
      status: true,
      amount: true,
      amountRefunded: true,
      currency: true,
      receiptUrl: true,
      createdAt: true,
      team: { select: { slug: true, name: true } },
    },
    ...pageWindow(page),
  });
  return toPaged(rows, page);
}
