// The management API without HTTP: authenticate the caller, resolve `{team}` (a team key only
// finds its own team), refuse admin-only operations to team keys, parse query and body against the
// operation's schemas, run it, and pass its output through the response schema. The Next.js routes
// (run-operation.ts) and any other adapter (an MCP server, a CLI) go through here, so every one of
// them has the same authorization and the same validation.
import { authenticateCaller } from "@/lib/management/authenticate-caller";
import { actorFor, requireAdmin } from "@/lib/management/caller";
import type { AnyOperation, Operation, OperationSpec } from "@/lib/management/define-operation";
import { Reply, respond, type OperationContext } from "@/lib/management/operation-context";
import { checkPathParams, parseBody, parseQuery } from "@/lib/management/read-request";
import { resolveTeam } from "@/lib/management/resolve-team";
import { parseOutput } from "@/lib/management/respond";

export type OperationCall = {
  requestId: string;
  /** `Authorization: Bearer <token>`, and any header the operation documents */
  headers: Headers;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body; read only once the caller is authorized, and only if the operation takes one. */
  readBody: () => Promise<unknown>;
};

export type OperationResult = { status: number; headers?: HeadersInit; body: unknown };

export async function executeOperation(operation: AnyOperation, call: OperationCall): Promise<OperationResult> {
  checkPathParams(call.params);
  const caller = operation.access === "public" ? null : await authenticateCaller(call.headers);
  // Team first: a key addressing another team gets the same 404 everywhere, admin-only or not.
  const team = caller && call.params.team !== undefined ? await resolveTeam(caller, call.params.team) : undefined;
  if (operation.access === "admin") requireAdmin(caller!);
  const context: OperationContext<OperationSpec> = {
    requestId: call.requestId,
    caller,
    actor: caller ? actorFor(caller) : { type: "SYSTEM" },
    headers: call.headers,
    params: call.params,
    team,
    query: operation.query ? parseQuery(operation.query, call.query) : undefined,
    body: operation.body ? parseBody(operation.body, await call.readBody()) : undefined,
    respond,
  };
  // The context was built from this operation's own access, path and schemas, so it is the one
  // its `run` was typed against.
  const result = await (operation as Operation).run(context);
  const reply = result instanceof Reply ? result : new Reply(result);
  return {
    status: reply.status ?? operation.response.status,
    headers: reply.headers,
    body: parseOutput(operation.response.schema, reply.value),
  };
}
