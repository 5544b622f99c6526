// GET /metrics: the registry in Prometheus text format, for the main port's route (app/metrics) and
// the separate METRICS_PORT server (metrics-server.ts). On the main port only with METRICS_TOKEN
// set and only when METRICS_PORT is not (then it is a 404, as if the path did not exist); the token
// comes as `Authorization: Bearer`, compared in constant time, and anything else is a 401. On
// METRICS_PORT the token is asked for too when it is set.
import { sha256Hex, timingSafeEqualStrings } from "@/lib/crypto";
import { metricsSettings } from "@/lib/env";
import { problemResponse } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";
import { registry } from "@/lib/metrics/registry";
// Every metric is defined when its module loads: load them all, so each shows from the first scrape.
import "@/lib/metrics/gateway-metrics";
import "@/lib/metrics/usage-metrics";
import "@/lib/metrics/system-metrics";
import "@/lib/metrics/billing-metrics";

export type MetricsDoor = "main-port" | "metrics-port";

/** Whether the main port serves /metrics at all (otherwise it answers 404). */
export function servedOnMainPort(): boolean {
  const { token, port } = metricsSettings();
  return token !== undefined && port === undefined;
}

function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? match[1]! : null;
}

function tokenMatches(given: string | null, expected: string): boolean {
  // Hashed first: equal lengths for timingSafeEqual, and the comparison says nothing about the token's length.
  return given !== null && timingSafeEqualStrings(sha256Hex(given), sha256Hex(expected));
}

export async function answerMetrics(authorization: string | null | undefined, door: MetricsDoor): Promise<Response> {
  const { token } = metricsSettings();
  if (door === "main-port" && !servedOnMainPort()) {
    return problemResponse("not_found", "There is no page at this address.", newRequestId());
  }
  if (token !== undefined && !tokenMatches(bearerToken(authorization), token)) {
    return problemResponse("unauthorized", "The metrics need the METRICS_TOKEN as `Authorization: Bearer <token>`.", newRequestId(), {
      headers: { "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
