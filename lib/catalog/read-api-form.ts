// The API form (components/admin/apis/api-form.tsx) -> the input of createApi / updateApi, with
// every problem found at once: field errors by path (`plans.0.price`), the OpenAPI document's
// problems by line, and a refused upstream. The same zod schemas as the management API decide.
// An AI API's form has no upstream or document: its models and plan limits instead.
import type { z } from "zod";
import type { ActionState } from "@/lib/auth/action";
import { formValues } from "@/lib/auth/action";
import { createApiSchema, updateApiSchema, type CreateApi, type UpdateApi } from "@/lib/catalog/api-schemas";
import { upstreamUrlErrors } from "@/lib/catalog/check-api-input";
import { describeProblem, parseOpenApiText, type OpenApiProblem } from "@/lib/catalog/openapi-document";
import { openApiFileProblem } from "@/lib/catalog/openapi-file";
import { fieldErrors } from "@/lib/validation";

export type ApiFormState = ActionState & { openapiProblems?: OpenApiProblem[]; nonce?: number };

type Mode = "create" | "update";
type Kind = "REST" | "AI";
type Read<M extends Mode> = { ok: true; input: M extends "create" ? CreateApi : UpdateApi } | { ok: false; state: ApiFormState };

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Checkbox lists (the models, a plan's allowed models) post one value per ticked box. */
const list = (formData: FormData, name: string) =>
  formData.getAll(name).filter((value): value is string => typeof value === "string" && value !== "");
const isListField = (name: string) => name === "models" || /^plans\.\d+\.allowedModels$/.test(name);

/** "60" -> 60; "" -> undefined (zod then says what is missing); anything else stays for zod to refuse. */
function whole(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** An AI plan's limits: an empty field means no limit (null clears a saved one). */
function aiPlanFields(formData: FormData, index: number) {
  const field = (name: string) => text(formData, `plans.${index}.${name}`);
  return {
    allowedModels: list(formData, `plans.${index}.allowedModels`),
    tokensPerMinute: whole(field("tokensPerMinute")) ?? null,
    maxOutputTokens: whole(field("maxOutputTokens")) ?? null,
  };
}

/** Rows are numbered 0..n-1 by the form; `existing` marks plans already saved (their slug is fixed). */
function readPlans(formData: FormData, mode: Mode, kind: Kind) {
  const plans: Record<string, unknown>[] = [];
  for (let index = 0; formData.has(`plans.${index}.slug`); index++) {
    const field = (name: string) => text(formData, `plans.${index}.${name}`);
    const existing = field("existing") === "1";
    plans.push({
      slug: field("slug"),
      name: field("name"),
      description: field("description"),
      price: field("price"),
      rateLimit: whole(field("rateLimit")),
      rateLimitWindowSec: whole(field("rateLimitWindowSec")),
      maxRequestBytes: whole(field("maxRequestBytes")),
      requiresApproval: field("requiresApproval") === "on",
      chargePolicy: field("chargePolicy") || undefined,
      ...(mode === "update" && existing ? { archived: field("archived") === "on" } : {}),
      ...(kind === "AI" ? aiPlanFields(formData, index) : {}),
    });
  }
  return plans;
}

async function readOpenApi(
  formData: FormData,
  mode: Mode,
): Promise<{ value?: Record<string, unknown> | null; problems?: OpenApiProblem[] }> {
  const choice = mode === "update" ? text(formData, "openapiMode") || "keep" : "replace";
  if (choice === "keep") return {};
  if (choice === "remove") return { value: null };
  const file = formData.get("openapiFile");
  let source = text(formData, "openapiText");
  if (file instanceof File && file.size > 0) {
    const problem = await openApiFileProblem(file);
    if (problem) return { problems: [{ pointer: "", message: problem }] };
    source = await file.text();
  }
  if (!source.trim()) {
    // Creating without a document is fine (add one later); "replace" with nothing is a mistake.
    return mode === "create"
      ? {}
      : { problems: [{ pointer: "", message: "Upload a file or paste the new document, or keep the current one." }] };
  }
  const result = await parseOpenApiText(source);
  return result.ok ? { value: result.document } : { problems: result.problems };
}

function readCredential(formData: FormData, mode: Mode): string | null | undefined {
  const replacement = text(formData, "upstreamCredential");
  if (replacement) return replacement;
  return mode === "update" && text(formData, "clearUpstreamCredential") === "on" ? null : undefined;
}

function rawInput(formData: FormData, mode: Mode, kind: Kind) {
  const common = {
    ...(mode === "create" ? { slug: text(formData, "slug"), kind } : {}),
    name: text(formData, "name"),
    summary: text(formData, "summary"),
    description: text(formData, "description"),
    version: text(formData, "version"),
    tags: [
      ...new Set(
        text(formData, "tags")
          .split(",")
          .map((tag) => tag.trim())
          .filter(Boolean),
      ),
    ],
    visibility: text(formData, "visibility"),
    plans: readPlans(formData, mode, kind),
  };
  if (kind === "AI") return { ...common, models: list(formData, "models") };
  const header = text(formData, "upstreamAuthHeader").trim();
  return {
    ...common,
    upstreamBaseUrl: text(formData, "upstreamBaseUrl").trim(),
    upstreamAuthHeader: header || (mode === "update" ? null : undefined),
    upstreamCredential: readCredential(formData, mode),
    upstreamConnectTimeoutMs: whole(text(formData, "upstreamConnectTimeoutMs")),
    upstreamTimeoutMs: whole(text(formData, "upstreamTimeoutMs")),
    relayCookies: text(formData, "relayCookies") === "on",
  };
}

/** The form's values to show again after an error (ticked lists comma-joined); never the credential. */
export function echoValues(formData: FormData): Record<string, string> {
  const { upstreamCredential: _secret, ...values } = formValues(formData);
  if (!(formData instanceof FormData)) return values; // a forged call can pass anything
  for (const name of new Set([...formData.keys()].filter(isListField))) values[name] = list(formData, name).join(",");
  return values;
}

/** A list item's error (tags.3, models.1, plans.0.allowedModels.2) belongs to its list's field. */
export const formFieldName = (path: string): string => path.replace(/^(tags|models|plans\.\d+\.allowedModels)\.\d+$/, "$1");

/** Field errors from the domain functions (`models.1`), keyed the way the form shows them. */
export function formErrors(errors: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!errors) return undefined;
  const folded: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) folded[formFieldName(path)] ??= message;
  return folded;
}

/** Errors of the form: list items belong to their field; plan rows keep their row. */
function formFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) errors[formFieldName(path)] ??= message;
  return errors;
}

/**
 * `currentUpstream`: the saved URL, which is not resolved again when unchanged (the gateway checks it
 * at connect). The kind is the form's choice on create and the saved one (`savedKind`) on update.
 */
export async function readApiForm<M extends Mode>(
  formData: FormData,
  mode: M,
  currentUpstream?: string,
  savedKind: Kind = "REST",
): Promise<Read<M>> {
  const kind: Kind = mode === "create" ? (text(formData, "kind") === "AI" ? "AI" : "REST") : savedKind;
  const raw: Record<string, unknown> = rawInput(formData, mode, kind);
  const parsed = (mode === "create" ? createApiSchema : updateApiSchema).safeParse(raw);
  const errors: Record<string, string> = parsed.success ? {} : formFieldErrors(parsed.error);
  if (raw.upstreamCredential && !raw.upstreamAuthHeader)
    errors.upstreamAuthHeader ??= "Name the header that carries the credential, e.g. Authorization.";
  if (kind === "REST" && !errors.upstreamBaseUrl && raw.upstreamBaseUrl !== currentUpstream)
    Object.assign(errors, await upstreamUrlErrors(raw.upstreamBaseUrl as string));
  const openapi = kind === "REST" ? await readOpenApi(formData, mode) : {};
  if (openapi.problems) {
    const count = openapi.problems.length;
    errors.openapi = `The OpenAPI document has ${count === 1 ? "a problem" : `${count} problems`}: ${describeProblem(openapi.problems[0]!)}`;
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    const state: ApiFormState = {
      ok: false,
      error: "Nothing was saved. Check the highlighted fields.",
      fieldErrors: errors,
      openapiProblems: openapi.problems,
      values: echoValues(formData),
      nonce: Date.now(),
    };
    return { ok: false, state };
  }
  const input = { ...parsed.data, ...(openapi.value !== undefined ? { openapi: openapi.value } : {}) };
  return { ok: true, input: input as M extends "create" ? CreateApi : UpdateApi };
}
