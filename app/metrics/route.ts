// GET /metrics - Prometheus metrics of this process (lib/metrics) behind METRICS_TOKEN; 404 when the
// token is unset or when METRICS_PORT serves them instead. `npm start` and `npm run dev` both reach it.
import { answerMetrics } from "@/lib/metrics/metrics-endpoint";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return answerMetrics(request.headers.get("authorization"), "main-port");
}
