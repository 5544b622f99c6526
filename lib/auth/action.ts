// The one wrapper for server actions: session check, team membership and role check, input
// validation, and error handling. Expected errors come back as messages; anything else is logged
// with a reference id and shown generically.
import crypto from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { TeamRole } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { invalid, unstorableTextErrors, validateInput } from "@/lib/validation";
import { getCurrentUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/sessions";
import { requireTeamRole, type TeamContext } from "@/lib/teams/team-access";
import { moduleLogger } from "@/lib/log/logger";

const log = moduleLogger("action");

export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  /** the AppError code of `error`, so a form can offer the way out (a reset link after a lockout) */
  code?: string;
  fieldErrors?: Record<string, string>;
  /** echo of submitted values, so a form keeps them after an error */
  values?: Record<string, string>;
  /** one-time data to show after success, e.g. an invitation link */
  reveal?: string;
};

type Handler<I, C> = (ctx: C, input: I) => Promise<ActionState | void>;

/** A forged call can pass anything as the action's form; only a FormData is one. */
const isForm = (formData: unknown): formData is FormData => formData instanceof FormData;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  if (!isForm(formData)) return values;
  for (const [key, value] of formData) if (typeof value === "string" && !/password/i.test(key)) values[key] = value;
  return values;
}

export function parseInput<S extends z.ZodType>(schema: S, formData: FormData): z.infer<S> {
  return validateInput(schema, Object.fromEntries(formData), "Check the highlighted fields.");
}

/**
 * The form's text must be storable before any field is read: actions read some fields (`team`,
 * an API slug) before their schema runs, so this cannot wait for parseInput.
 */
function checkFormText(formData: FormData): void {
  if (!isForm(formData)) throw new AppError("bad_request", "This action takes a form. Reload the page and submit it again.");
  for (const [name, value] of formData) {
    const errors = unstorableTextErrors({ [name]: typeof value === "string" ? value : value.name }, "form");
    if (errors) throw invalid(errors, "Check the highlighted fields.");
  }
}

export async function runAction(formData: FormData, work: () => Promise<ActionState | void>): Promise<ActionState> {
  try {
    checkFormText(formData);
    return { ok: true, ...(await work()) };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() must reach Next.js
    const values = formValues(formData);
    if (isAppError(error)) return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors, values };
    const reference = crypto.randomUUID().slice(0, 8);
    log.error({ err: error, reference }, "server action failed");
    return { ok: false, error: `Something went wrong on our side. Reference: ${reference}.`, values };
  }
}

async function signedInUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return user;
}

/** A server action for any signed-in user. */
export function userAction<S extends z.ZodType>(schema: S, handler: Handler<z.infer<S>, SessionUser>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> =>
    runAction(formData, async () => handler(await signedInUser(), parseInput(schema, formData)));
}

/**
 * A server action on one team. The team comes from the form's `team` field and is checked against
 * the caller's memberships here, on the server, whatever the page showed.
 */
export function teamAction<S extends z.ZodType>(role: TeamRole, schema: S, handler: Handler<z.infer<S>, TeamContext>) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> =>
    runAction(formData, async () => {
      const user = await signedInUser();
      const ctx = await requireTeamRole(user.id, String(formData.get("team") ?? ""), role);
      return handler(ctx, parseInput(schema, formData));
    });
}
