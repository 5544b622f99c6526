// Sign-in methods, sessions and account deletion sections of /account.
import type { SignInMethods } from "@/lib/auth/account-profile";
import type { ActiveSession } from "@/lib/auth/sessions";
import type { DeletionBlocker } from "@/lib/auth/account-deletion";
import { describeUserAgent } from "@/lib/auth/user-agent";
import { AccountForm } from "@/components/account/account-form";
import { TableScroll } from "@/components/ui/table-scroll";
import { Badge, Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { oauthSignInAction } from "@/app/(auth)/actions";
import {
  deleteAccountAction,
  endSessionAction,
  signOutEverywhereAction,
  signOutOtherSessionsAction,
  unlinkProviderAction,
} from "./actions";

const dateTime = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ") + " UTC";
const PROVIDER_NAMES: Record<string, string> = { github: "GitHub", google: "Google" };

export function SignInMethodsSection({ methods, providers }: { methods: SignInMethods; providers: { id: string; name: string }[] }) {
  const linked = new Set(methods.linked.map((entry) => entry.provider));
  const unlinked = providers.filter((provider) => !linked.has(provider.id));
  return (
    <Card title="Sign-in methods" description="The ways you can sign in to this account.">
      <ul className="divide-y divide-slate-100 text-sm" data-testid="sign-in-methods">
        <li className="flex items-center justify-between gap-3 py-2">
          <span>Email and password</span>
          {methods.hasPassword ? <Badge tone="green">Set</Badge> : <Badge>Not set</Badge>}
        </li>
        {methods.linked.map((entry) => (
          <li key={entry.provider} className="flex flex-wrap items-center justify-between gap-3 py-2">
            <span>
              {PROVIDER_NAMES[entry.provider] ?? entry.provider} <span className="text-slate-500">linked {dateTime(entry.since)}</span>
            </span>
            <AccountForm action={unlinkProviderAction} hidden={{ provider: entry.provider }} submitLabel="Unlink" />
          </li>
        ))}
      </ul>
      {unlinked.length ? (
        <div className="mt-3 flex flex-wrap gap-2">
          {unlinked.map((provider) => (
            <form key={provider.id} action={oauthSignInAction}>
              <input type="hidden" name="provider" value={provider.id} />
              <input type="hidden" name="callbackUrl" value="/account" />
              <Button type="submit" variant="secondary" size="sm">
                Link {provider.name}
              </Button>
            </form>
          ))}
        </div>
      ) : null}
    </Card>
  );
}

export function SessionsSection({ sessions, currentSessionId }: { sessions: ActiveSession[]; currentSessionId: string }) {
  return (
    <Card title="Active sessions" description="Browsers signed in to your account. Sessions last up to 30 days.">
      <TableScroll>
        <table className="w-full text-left text-sm" data-testid="sessions-table">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-3 font-medium">Browser</th>
              <th className="py-2 pr-3 font-medium">Address</th>
              <th className="py-2 pr-3 font-medium">Signed in</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((session) => (
              <tr key={session.id}>
                <td className="py-2 pr-3">{describeUserAgent(session.userAgent)}</td>
                <td className="py-2 pr-3 text-slate-600">{session.ipAddress ?? "unknown"}</td>
                <td className="whitespace-nowrap py-2 pr-3 text-slate-600">{dateTime(session.createdAt)}</td>
                <td className="py-2 text-right">
                  {session.id === currentSessionId ? (
                    <Badge tone="blue">This session</Badge>
                  ) : (
                    <AccountForm action={endSessionAction} hidden={{ id: session.id }} submitLabel="Sign out" />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <div className="mt-4 flex flex-wrap gap-3">
        <AccountForm name="sign-out-others" action={signOutOtherSessionsAction} submitLabel="Sign out all other sessions" />
        <AccountForm name="sign-out-everywhere" action={signOutEverywhereAction} submitLabel="Sign out everywhere" variant="danger" />
      </div>
    </Card>
  );
}

type DeleteProps = { email: string; hasPassword: boolean; blockers: DeletionBlocker[] };

export function DeleteAccountSection({ email, hasPassword, blockers }: DeleteProps) {
  return (
    <Card
      title="Delete account"
      description="Deletes your account, your sessions and the teams only you belong to. Keys you created stay with their teams."
    >
      {blockers.length ? (
        <ul role="alert" className="mb-4 space-y-2 text-sm text-red-700" data-testid="deletion-blockers">
          {blockers.map((blocker) => (
            <li key={blocker.team.slug}>{blocker.message}</li>
          ))}
        </ul>
      ) : null}
      <AccountForm
        name="delete-account"
        action={deleteAccountAction}
        fields={[
          { label: `Type ${email} to confirm`, name: "confirmEmail", type: "email", autoComplete: "off" },
          ...(hasPassword
            ? [{ label: "Current password", name: "currentPassword", type: "password" as const, autoComplete: "current-password" }]
            : []),
        ]}
        submitLabel="Delete my account"
        pendingLabel="Deleting…"
        variant="danger"
      />
    </Card>
  );
}
