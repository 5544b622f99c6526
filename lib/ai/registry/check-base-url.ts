// A provider's base URL must be a destination the server may call, like an API's upstream: checked
// (resolved) when it is saved, and again at every connect by the guarded lookup (lib/net).
import { checkOutboundUrl } from "@/lib/net/outbound-url";

/** `{ baseUrl: reason }` when the server may not call the URL, else `{}`. */
export async function baseUrlErrors(url: string | undefined): Promise<Record<string, string>> {
  if (url === undefined) return {};
  const reason = await checkOutboundUrl(url, { purpose: "upstream" });
  return reason ? { baseUrl: reason } : {};
}
