// Database URLs for the scripts and test setups that create and drop databases, and the guard
// that keeps them off anything but a local server.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** The same server as `serverUrl`, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

type Guard = { variable: string; override: string; allowRemote: boolean };

/** Throws unless `databaseUrl` is on this machine (TCP loopback or a unix socket) or remote use is allowed. */
export function assertLocalDatabase(value: string, { variable, override, allowRemote }: Guard) {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Refusing to run destructive test setup: ${variable} is not a URL whose host can be checked.`);
  }
  const socketHost = url.searchParams.get("host") ?? "";
  const local = url.hostname === "" ? socketHost === "" || socketHost.startsWith("/") : LOCAL_HOSTS.has(url.hostname);
  if (!local && !allowRemote) {
    throw new Error(
      `Refusing to run destructive test setup against ${url.hostname || socketHost}: ${variable} must point at ` +
        `localhost, 127.0.0.1 or ::1 (set ${override} to override).`,
    );
  }
}
