/** Only same-site paths are followed after sign-in; anything else goes to the portal home. */
export function safeCallbackPath(value: unknown, fallback = "/teams"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
