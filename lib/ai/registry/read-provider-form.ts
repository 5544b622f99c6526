// The provider form (components/admin/ai/provider-form.tsx) -> the input of createProvider /
// updateProvider, every problem at once, by field. Extra headers are typed as `Name: value` lines.
// The key and the headers are write-only: an empty field keeps what is stored, a ticked "clear"
// removes it, and neither is ever sent back to the browser, not even after an error.
import type { z } from "zod";
import { formValues, type ActionState } from "@/lib/auth/action";
import { fieldErrors } from "@/lib/validation";
import { createProviderSchema, updateProviderSchema, type CreateProvider, type UpdateProvider } from "@/lib/ai/registry/provider-schemas";
import { baseUrlErrors } from "@/lib/ai/registry/check-base-url";
import type { ConnectionTest } from "@/lib/ai/registry/test-provider-connection";

export type ProviderFormState = ActionState & { nonce?: number };
/** The "Test connection" button's answer: the models, or what failed. */
export type ConnectionTestState = ActionState & { test?: ConnectionTest };

type Mode = "create" | "update";
type Read<M extends Mode> =
  { ok: true; input: M extends "create" ? CreateProvider : UpdateProvider } | { ok: false; state: ProviderFormState };

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** "5000" -> 5000; "" -> undefined (the default, or no change); anything else stays for zod to refuse. */
function whole(value: string): number | string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** `Name: value` per line (blank lines skipped) -> an object, or the first line that is not one. */
export function parseHeaderLines(source: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const [index, line] of source.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return { error: `Line ${index + 1}: write each header as Name: value.` };
    const name = line.slice(0, colon).trim();
    if (name in headers) return { error: `Line ${index + 1}: ${name} is given twice.` };
    headers[name] = line.slice(colon + 1).trim();
  }
  return { headers };
}

/** A write-only field: a new value, null to clear (update only), or undefined to keep / leave unset. */
function writeOnly(formData: FormData, field: string, mode: Mode): string | null | undefined {
  const value = text(formData, field);
  if (value.trim()) return value;
  return mode === "update" && text(formData, `clear-${field}`) === "on" ? null : undefined;
}

/** The form's values to show again after an error: never the key or the headers. */
export function echoProviderValues(formData: FormData): Record<string, string> {
  const { apiKey: _key, extraHeaders: _headers, ...values } = formValues(formData);
  return values;
}

/** Header errors (`extraHeaders.X-Org`) are shown on the one textarea, naming the header. */
function providerFieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const header = /^extraHeaders\.(.+)$/.exec(path);
    if (header) errors.extraHeaders ??= `${header[1]}: ${message}`;
    else errors[path] ??= message;
  }
  return errors;
}

export async function readProviderForm<M extends Mode>(formData: FormData, mode: M, currentBaseUrl?: string): Promise<Read<M>> {
  const errors: Record<string, string> = {};
  const headersText = writeOnly(formData, "extraHeaders", mode);
  let extraHeaders: Record<string, string> | null | undefined = headersText === null ? null : undefined;
  if (headersText) {
    const parsed = parseHeaderLines(headersText);
    if ("error" in parsed) errors.extraHeaders = parsed.error;
    else extraHeaders = parsed.headers;
  }
  const slug = text(formData, "slug").trim();
  const raw = {
    ...(mode === "create" && slug ? { slug } : {}),
    name: text(formData, "name"),
    kind: text(formData, "kind"),
    baseUrl: text(formData, "baseUrl").trim(),
    apiKey: writeOnly(formData, "apiKey", mode),
    extraHeaders,
    connectTimeoutMs: whole(text(formData, "connectTimeoutMs")),
    timeoutMs: whole(text(formData, "timeoutMs")),
  };
  const parsed = (mode === "create" ? createProviderSchema : updateProviderSchema).safeParse(raw);
  if (!parsed.success) Object.assign(errors, { ...providerFieldErrors(parsed.error), ...errors });
  if (!errors.baseUrl && raw.baseUrl !== currentBaseUrl) Object.assign(errors, await baseUrlErrors(raw.baseUrl));
  if (!parsed.success || Object.keys(errors).length > 0) {
    const state: ProviderFormState = {
      ok: false,
      error: "Nothing was saved. Check the highlighted fields.",
      fieldErrors: errors,
      values: echoProviderValues(formData),
      nonce: Date.now(),
    };
    return { ok: false, state };
  }
  return { ok: true, input: parsed.data as M extends "create" ? CreateProvider : UpdateProvider };
}
