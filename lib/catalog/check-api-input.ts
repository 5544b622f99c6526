// The checks on API input that zod cannot make, shared by create and update whichever door the
// input came through (admin console, management API): the upstream must be a destination the
// server may call (resolved now; the gateway checks again when it connects), and the OpenAPI
// document must pass the official schema. Both run before the transaction, so nothing is written
// when either fails, and both report together, per field.
import { checkOutboundUrl } from "@/lib/net/outbound-url";
import { invalid } from "@/lib/validation";
import { invalidOpenApi, validateOpenApiObject } from "@/lib/catalog/openapi-document";

type Checked = { upstreamBaseUrl?: string; openapi?: Record<string, unknown> | null };

/** `{ upstreamBaseUrl: reason }` when the server may not call the URL, else `{}`. */
export async function upstreamUrlErrors(url: string | undefined): Promise<Record<string, string>> {
  if (url === undefined) return {};
  const reason = await checkOutboundUrl(url, { purpose: "upstream" });
  return reason ? { upstreamBaseUrl: reason } : {};
}

/** Throws one 422 with every field's problem; returns the OpenAPI document as it will be stored. */
export async function checkApiInput<T extends Checked>(input: T): Promise<T["openapi"]> {
  const errors = await upstreamUrlErrors(input.upstreamBaseUrl);
  let openapi = input.openapi;
  if (openapi) {
    const result = await validateOpenApiObject(openapi);
    if (result.ok) openapi = result.document;
    else Object.assign(errors, invalidOpenApi(result.problems).fieldErrors);
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return openapi;
}
