// Server actions of the admin console: the session guard (404 for non-admins), input validation and
// the error handling of every other action (lib/auth/action.ts).
import type { z } from "zod";
import { parseInput, runAction, type ActionState } from "@/lib/auth/action";
import { requirePlatformAdmin, type CurrentUser } from "@/lib/auth/session";

export function adminAction<S extends z.ZodType>(
  schema: S,
  handler: (admin: CurrentUser, input: z.infer<S>) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> =>
    runAction(formData, async () => handler(await requirePlatformAdmin(), parseInput(schema, formData)));
}
