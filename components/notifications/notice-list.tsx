// Unread in-app notices with one button that marks the shown ones read: a team's (subscription
// decisions, low credit) on its overview, and a platform admin's own (approval requests) on /admin.
import Link from "next/link";
import type { Notification } from "@/lib/ui-types";
import type { ActionState } from "@/lib/auth/action";
import { appUrl } from "@/lib/env";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/form";
import { utcDateTime } from "@/components/ledger/ledger-labels";

type Props = {
  /** form fields the mark-read action needs besides the ids (e.g. the team) */
  hidden?: Record<string, string>;
  notices: Notification[];
  markRead: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** the card's title ("Notifications") and what each notice's link says ("Open") */
  title?: string;
  linkLabel?: string;
};

/** Notice links are absolute (they are emailed too); inside the app they open as paths. */
function inAppHref(link: string): string {
  const origin = appUrl();
  return link.startsWith(`${origin}/`) ? link.slice(origin.length) : link;
}

export function NoticeList({ hidden = {}, notices, markRead, title = "Notifications", linkLabel = "Open" }: Props) {
  return (
    <Card
      title={title}
      description={notices.length ? `${notices.length} unread` : undefined}
      actions={
        notices.length ? (
          <ActionForm action={markRead} hidden={{ ...hidden, ids: notices.map((notice) => notice.id).join(",") }}>
            <SubmitButton size="sm" variant="secondary" pendingLabel="Marking…">
              Mark all as read
            </SubmitButton>
          </ActionForm>
        ) : null
      }
    >
      {notices.length === 0 ? (
        <p className="text-sm text-slate-600">No unread notifications.</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Unread notifications">
          {notices.map((notice) => (
            <li key={notice.id} className="py-3" data-testid="notice">
              <p className="text-sm font-medium text-slate-900">{notice.title}</p>
              <p className="mt-0.5 text-sm text-slate-600">{notice.body}</p>
              <p className="mt-1 text-xs text-slate-500">
                {utcDateTime.format(notice.createdAt)} UTC
                {notice.link ? (
                  <>
                    {" · "}
                    <Link href={inAppHref(notice.link)} className="text-brand-600 hover:underline">
                      {linkLabel}
                    </Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
