// /reset-password#token=… - where the reset link lands. The token is in the fragment, which the
// browser never sends to a server; the form below reads it and checks it before asking for a password.
import type { Metadata } from "next";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default function ResetPasswordPage() {
  return <ResetPasswordForm />;
}
