// A management operation over HTTP: Request in, Response out. Success is JSON with the operation's
// status; any error becomes problem+json (error-response.ts). Every response carries the request id.
import { AppError } from "@/lib/errors";
import { KEY_IN_QUERY_DETAIL, keyInQuery } from "@/lib/http/key-in-query";
import { newRequestId } from "@/lib/http/request-id";
import type { AnyOperation } from "@/lib/management/define-operation";
import { errorResponse } from "@/lib/management/error-response";
import { executeOperation } from "@/lib/management/execute-operation";
import { readJson } from "@/lib/management/read-request";
import { jsonResponse } from "@/lib/management/respond";

type Params = Record<string, string>;

export async function runOperation(
  operation: AnyOperation,
  { request, params }: { request: Request; params?: Params | Promise<Params> },
): Promise<Response> {
  const requestId = newRequestId();
  try {
    // Before the caller is read: a key in the URL has leaked already, whatever the headers carry.
    if (keyInQuery(new URL(request.url).search)) throw new AppError("bad_request", KEY_IN_QUERY_DETAIL);
    const result = await executeOperation(operation, {
      requestId,
      headers: request.headers,
      params: (await params) ?? {},
      query: Object.fromEntries(new URL(request.url).searchParams),
      readBody: () => readJson(request),
    });
    return jsonResponse(result.body, requestId, result.status, result.headers);
  } catch (error) {
    return errorResponse(error, request, requestId);
  }
}

/** The Next.js route handler of an operation: `export const GET = managementRoute(listKeysOperation);` */
export function managementRoute(operation: AnyOperation) {
  return (request: Request, context: { params: Promise<Params> }) => runOperation(operation, { request, params: context?.params });
}
