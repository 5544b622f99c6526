"use server";
// Publishing in the admin console. Each action checks the platform admin itself (actions are
// reachable without the page), reads the whole form, and saves through the same domain functions
// as the management API: one transaction, so a refused field means nothing was written.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { runAction } from "@/lib/auth/action";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { createApi } from "@/lib/catalog/create-api";
import { updateApi } from "@/lib/catalog/update-api";
import { changeApiStatus } from "@/lib/catalog/change-api-status";
import { echoValues, formErrors, readApiForm, type ApiFormState } from "@/lib/catalog/read-api-form";

function refreshCatalog(slug: string) {
  revalidatePath("/admin/apis");
  revalidatePath(`/admin/apis/${slug}`);
  revalidatePath("/catalog");
}

/** Domain errors come back with the submitted values: drop the credential from them. */
async function run(formData: FormData, work: () => Promise<ApiFormState | void>): Promise<ApiFormState> {
  const state: ApiFormState = await runAction(formData, work);
  if (state.ok === false) return { ...state, fieldErrors: formErrors(state.fieldErrors), values: echoValues(formData), nonce: Date.now() };
  return state;
}

export async function createApiAction(_previous: ApiFormState, formData: FormData): Promise<ApiFormState> {
  return run(formData, async () => {
    const admin = await requirePlatformAdmin();
    const read = await readApiForm(formData, "create");
    if (!read.ok) return read.state;
    const api = await createApi(read.input, { type: "USER", userId: admin.id });
    refreshCatalog(api.slug);
    redirect(`/admin/apis/${api.slug}?created=1`);
  });
}

export async function updateApiAction(_previous: ApiFormState, formData: FormData): Promise<ApiFormState> {
  return run(formData, async () => {
    const admin = await requirePlatformAdmin();
    const slug = String(formData.get("apiSlug") ?? "");
    const current = await db.api.findUnique({ where: { slug }, select: { upstreamBaseUrl: true, kind: true } });
    // A Prompt API has its own form (prompt-actions.ts).
    if (!current || current.kind === "PROMPT") throw notFound("This API");
    const read = await readApiForm(formData, "update", current.upstreamBaseUrl, current.kind);
    if (!read.ok) return read.state;
    await updateApi(slug, read.input, { type: "USER", userId: admin.id });
    refreshCatalog(slug);
    return { message: "Saved. The gateway uses the new settings from the next call.", nonce: Date.now() };
  });
}

const statusFormSchema = z.object({
  apiSlug: z.string().min(1),
  status: z.enum(["PUBLISHED", "DEPRECATED", "RETIRED"], { error: "Choose a status." }),
  sunsetDate: z.union([z.literal(""), z.iso.date({ error: "Use a date such as 2027-06-30." })]).optional(),
  deprecationMessage: z.string().optional(),
});

const DONE: Record<string, string> = {
  PUBLISHED: "Published: the API is in the catalog.",
  DEPRECATED: "Deprecated: gateway responses now carry Deprecation and Sunset headers.",
  RETIRED: "Retired: the gateway answers 410 Gone and the catalog no longer lists it.",
};

export const changeApiStatusAction = adminAction(statusFormSchema, async (admin, input) => {
  // The sunset is the start of the chosen day, UTC (the Sunset header carries a date).
  const sunsetAt = input.sunsetDate ? `${input.sunsetDate}T00:00:00Z` : undefined;
  await changeApiStatus(
    input.apiSlug,
    { status: input.status, sunsetAt, deprecationMessage: input.deprecationMessage },
    { type: "USER", userId: admin.id },
  );
  refreshCatalog(input.apiSlug);
  return { message: DONE[input.status] };
});
