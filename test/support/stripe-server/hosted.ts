// The pages a browser sees: the hosted Checkout page (`session.url`), its Pay form, and charge
// receipts (`charge.receipt_url`). Plain HTML with labelled controls, so Playwright can drive it
// by role and label: textbox "Email", combobox "Test card", checkbox "Save card for future
// payments", button "Pay", link "Cancel".
import type http from "node:http";
import type { PayOptions, PayOutcome } from "./checkout-pay";
import type { CheckoutSession } from "./checkout-session";
import type { State } from "./state";

export type PayFn = (session: CheckoutSession, options: PayOptions) => Promise<"complete" | "declined">;

const OUTCOMES: [PayOutcome, string][] = [
  ["paid", "4242 4242 4242 4242 (succeeds)"],
  ["declined", "4000 0000 0000 0002 (declined)"],
  ["async_pending", "Bank debit (stays pending)"],
  ["async_succeeded", "Bank debit (succeeds later)"],
  ["async_failed", "Bank debit (fails later)"],
];

export async function handleHosted(
  state: State,
  pay: PayFn,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  rawBody: string,
) {
  const [, kind, id, action] = url.pathname.split("/");
  if (kind === "receipts" && id && !action && req.method === "GET") return receipt(state, res, id);
  const session = kind === "checkout" && id ? state.sessions.get(id) : undefined;
  if (!session) return page(res, 404, "Not found", "<p>There is no such page on this local Stripe server.</p>");
  if (session.status !== "open") {
    return page(
      res,
      action === "pay" ? 409 : 200,
      "Checkout",
      `<p role="status">This Checkout Session is no longer active (${session.status}).</p>`,
    );
  }
  if (!action && req.method === "GET") return checkoutPage(state, res, session);
  if (action !== "pay" || req.method !== "POST") return page(res, 405, "Not allowed", "<p>Method not allowed.</p>");

  const form = new URLSearchParams(rawBody);
  const outcome = (OUTCOMES.find(([value]) => value === form.get("outcome"))?.[0] ?? "paid") as PayOutcome;
  const result = await pay(session, { outcome, saveCard: form.get("save_card") === "true", email: form.get("email") ?? undefined });
  if (result === "declined") return checkoutPage(state, res, session, "Your card was declined. Try another card.");
  const target = session.success_url?.replaceAll("{CHECKOUT_SESSION_ID}", session.id) ?? `${state.publicUrl}/checkout/${session.id}`;
  res.writeHead(303, { location: target }).end();
}

function checkoutPage(state: State, res: http.ServerResponse, session: CheckoutSession, error?: string) {
  const details = state.sessionDetails.get(session.id)!;
  const email = session.customer_email ?? (session.customer ? state.customers.get(session.customer)?.email : null) ?? "";
  const offerSave =
    details.saveOffered || details.paymentIntentData.setup_future_usage !== undefined || session.customer_creation === "always";
  const items = details.lineItems
    .map((item) => `<li>${escape(item.description)} × ${item.quantity}: ${money(item.amount_total, item.currency)}</li>`)
    .join("");
  const save = offerSave
    ? `<p><input type="checkbox" id="save_card" name="save_card" value="true"${details.paymentIntentData.setup_future_usage ? " checked" : ""}>
<label for="save_card">Save card for future payments</label></p>`
    : "";
  const cancel = session.cancel_url ? `<p><a href="${escape(session.cancel_url)}">Cancel</a></p>` : "";
  page(
    res,
    error ? 402 : 200,
    "Checkout",
    `<h1>Checkout</h1>
<p>Test mode: a local Stripe server, no real money moves.</p>
<ul>${items}</ul>
<p>Total due: <strong data-testid="amount-total">${money(session.amount_total, session.currency)}</strong> (<span data-testid="currency">${session.currency.toUpperCase()}</span>)</p>
${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="${escape(state.publicUrl)}/checkout/${session.id}/pay">
<p><label for="email">Email</label> <input id="email" name="email" type="email" value="${escape(email)}"></p>
<p><label for="outcome">Test card</label> <select id="outcome" name="outcome">${OUTCOMES.map(([value, label]) => `<option value="${value}">${label}</option>`).join("")}</select></p>
${save}
<p><button type="submit">Pay ${money(session.amount_total, session.currency)}</button></p>
</form>
${cancel}`,
  );
}

function receipt(state: State, res: http.ServerResponse, id: string) {
  const charge = state.charges.get(id);
  if (!charge) return page(res, 404, "Not found", "<p>There is no such receipt.</p>");
  const refunded = charge.amount_refunded
    ? `<p>Refunded: <strong data-testid="amount-refunded">${money(charge.amount_refunded, charge.currency)}</strong></p>`
    : "";
  page(
    res,
    200,
    "Receipt",
    `<h1>Receipt</h1>
<p>Amount paid: <strong data-testid="amount-paid">${money(charge.amount, charge.currency)}</strong></p>
${refunded}
<p>Date paid: ${new Date(charge.created * 1000).toISOString().slice(0, 10)}</p>
<p>Payment method: Visa ending in ${charge.payment_method_details.card.last4}</p>
<p>Status: ${charge.status}${charge.refunded ? " (refunded)" : ""}</p>
<p>Receipt for charge <code>${charge.id}</code></p>`,
  );
}

function page(res: http.ServerResponse, status: number, title: string, content: string) {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Stripe (local)</title></head>
<body><main>
${content}
</main></body></html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(html);
}

/** Amounts are in the currency's minor unit: 2500 usd is $25.00, 2500 jpy is ¥2,500. */
export function money(amount: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
