// /confirm-email#token=… - where the link sent to a new address lands. The token stays in the
// fragment (never sent to a server) until the person presses the button, so a mail scanner that
// fetches the link changes nothing.
import type { Metadata } from "next";
import { ConfirmEmailChange } from "./confirm-email-change";

export const metadata: Metadata = { title: "Confirm your new address" };

export default function ConfirmEmailPage() {
  return <ConfirmEmailChange />;
}
