// Name, address and password sections of /account (server components around the client forms).
import { AccountForm } from "@/components/account/account-form";
import { Badge, Card } from "@/components/ui/card";
import {
  cancelEmailChangeAction,
  changePasswordAction,
  renameAction,
  requestEmailChangeAction,
  sendSetPasswordLinkAction,
} from "./actions";

const dateTime = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export function ProfileSection({ name }: { name: string }) {
  return (
    <Card title="Name" description="Shown to your teams' members and in the audit log.">
      <AccountForm
        name="name-form"
        action={renameAction}
        fields={[{ label: "Name", name: "name", autoComplete: "name", defaultValue: name }]}
        submitLabel="Save name"
      />
    </Card>
  );
}

type EmailProps = { email: string; verified: boolean; hasPassword: boolean; pending: { email: string; expiresAt: Date } | null };

export function EmailSection({ email, verified, hasPassword, pending }: EmailProps) {
  return (
    <Card title="Email address" description="Sign-in, invitations and notices use this address.">
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm text-slate-800">
        <span className="break-all font-medium" data-testid="account-email">
          {email}
        </span>
        {verified ? <Badge tone="green">Verified</Badge> : <Badge tone="amber">Not verified</Badge>}
      </p>
      {pending ? (
        <div
          className="mb-4 space-y-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700"
          data-testid="pending-email"
        >
          <p>
            Waiting for confirmation: <strong className="break-all">{pending.email}</strong>. Open the link we sent there before{" "}
            {dateTime(pending.expiresAt)}; until then your address stays {email}.
          </p>
          <AccountForm name="cancel-email-change" action={cancelEmailChangeAction} submitLabel="Cancel the change" />
        </div>
      ) : null}
      <AccountForm
        name="email-form"
        action={requestEmailChangeAction}
        fields={[
          { label: "New email address", name: "newEmail", type: "email", autoComplete: "email" },
          ...(hasPassword
            ? [{ label: "Current password", name: "currentPassword", type: "password" as const, autoComplete: "current-password" }]
            : []),
        ]}
        submitLabel="Change email"
        pendingLabel="Sending link…"
      />
    </Card>
  );
}

export function PasswordSection({ hasPassword, email }: { hasPassword: boolean; email: string }) {
  if (!hasPassword) {
    return (
      <Card title="Password" description="Your account signs in with GitHub or Google and has no password.">
        <p className="mb-3 text-sm text-slate-700">
          We can email {email} a link to set one, so you can also sign in with your email address.
        </p>
        <AccountForm name="set-password" action={sendSetPasswordLinkAction} submitLabel="Email me a link to set a password" />
      </Card>
    );
  }
  return (
    <Card title="Password" description="Changing it signs out every other session of your account.">
      <AccountForm
        name="password-form"
        action={changePasswordAction}
        fields={[
          { label: "Current password", name: "currentPassword", type: "password", autoComplete: "current-password" },
          {
            label: "New password",
            name: "newPassword",
            type: "password",
            autoComplete: "new-password",
            hint: "At least 10 characters. A passphrase works well.",
          },
        ]}
        submitLabel="Change password"
        pendingLabel="Saving…"
      />
    </Card>
  );
}
