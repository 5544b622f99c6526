import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getApiForAdmin, type AdminApi } from "@/lib/catalog/get-api";
import { earliestSunsetDay, latestDeprecationNote } from "@/lib/catalog/change-api-status";
import { nextStatuses } from "@/lib/catalog/api-status";
import { Card, PageHeader } from "@/components/ui/card";
import { ApiForm } from "@/components/admin/apis/api-form";
import { apiFormValues } from "@/components/admin/apis/api-form-values";
import { ApiStatusBadge } from "@/components/admin/apis/api-status-badge";
import { LifecyclePanel } from "@/components/admin/apis/lifecycle-panel";
import { changeApiStatusAction, updateApiAction } from "../actions";
import { formLimits } from "../form-limits";
import { AdminBackLink } from "@/components/admin/admin-back-link";
import { listModelOptions } from "@/lib/ai/registry/model-options";
import { PromptApiEditor, PromptApiSide } from "./prompt-api-editor";

export const metadata: Metadata = { title: "Edit API · Admin" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

async function loadApi(slug: string): Promise<AdminApi> {
  try {
    return await getApiForAdmin(slug);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

/** "Weather API 1.2.0 · 3 paths" for the stored document, or null. */
function openapiSummary(document: unknown): string | null {
  if (!document || typeof document !== "object") return null;
  const { info, paths, openapi } = document as { info?: { title?: unknown; version?: unknown }; paths?: object; openapi?: unknown };
  const count = paths ? Object.keys(paths).length : 0;
  return `${String(info?.title ?? "Untitled")} ${String(info?.version ?? "")} · OpenAPI ${String(openapi)} · ${count === 1 ? "1 path" : `${count} paths`}`;
}

function lifecycleDates(api: AdminApi) {
  const dates: [string, Date | null][] = [
    ["Created", api.createdAt],
    ["Published", api.publishedAt],
    ["Deprecated", api.deprecatedAt],
    ["Sunset", api.sunsetAt],
    ["Retired", api.retiredAt],
  ];
  return dates
    .filter((entry): entry is [string, Date] => entry[1] !== null)
    .map(([label, date]) => ({ label, value: `${dateFormat.format(date)} UTC` }));
}

export default async function EditApiPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requirePlatformAdmin();
  const [{ slug }, { created }] = await Promise.all([params, searchParams]);
  const api = await loadApi(decodeURIComponent(slug));
  const models = api.kind === "AI" ? await listModelOptions() : [];
  const listed = (api.status === "PUBLISHED" || api.status === "DEPRECATED") && api.visibility === "PUBLIC";
  return (
    <>
      <AdminBackLink href="/admin/apis" label="APIs" />
      <PageHeader
        title={api.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <code>{api.kind === "AI" ? "/api/ai/v1 (AI)" : `${api.kind === "PROMPT" ? "POST " : ""}/api/gateway/${api.slug}`}</code>{" "}
            <ApiStatusBadge status={api.status} />
            {listed ? (
              <Link href={`/catalog/${api.slug}`} className="text-brand-700 hover:underline">
                View in the catalog
              </Link>
            ) : null}
          </span>
        }
      />
      {created ? (
        <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          API created as a draft. Publish it when it is ready.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          {api.kind === "PROMPT" ? (
            <PromptApiEditor api={api} adminId={admin.id} />
          ) : (
            <ApiForm
              action={updateApiAction}
              slug={api.slug}
              initial={apiFormValues(api)}
              hasCredential={api.upstreamCredentialEncrypted !== null}
              openapiSummary={openapiSummary(api.openapi)}
              limits={formLimits()}
              kind={api.kind}
              models={models}
            />
          )}
        </div>
        <aside className="space-y-6 lg:col-span-1">
          <Card title="Lifecycle" description="Draft → published → deprecated → retired. Every move is audit-logged.">
            <LifecyclePanel
              action={changeApiStatusAction}
              slug={api.slug}
              status={api.status}
              next={nextStatuses(api.status)}
              dates={lifecycleDates(api)}
              deprecationNote={api.status === "DEPRECATED" ? await latestDeprecationNote(api.id) : null}
              minSunset={earliestSunsetDay()}
            />
          </Card>
          {api.kind === "PROMPT" ? <PromptApiSide api={api} /> : null}
        </aside>
      </div>
    </>
  );
}
