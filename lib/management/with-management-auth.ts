// The one wrapper every /api/v1 route goes through: request id, caller authentication, team
// resolution (`{team}` is a slug or id; a team key only finds its own team), the admin-only check,
// query and body parsing against the operation's schemas, and errors as problem+json.
import type { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import { newRequestId } from "@/lib/http/request-id";
import { authenticateCaller } from "@/lib/management/authenticate-caller";
import { actorFor, requireAdmin, type Caller } from "@/lib/management/caller";
import type { OperationSpec } from "@/lib/management/define-operation";
import { errorResponse } from "@/lib/management/error-response";
import { readJsonBody, readQuery } from "@/lib/management/read-request";
import { resolveTeam, type TeamRef } from "@/lib/management/resolve-team";
import { jsonResponse, type RespondInit } from "@/lib/management/respond";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ManagementContext<O extends OperationSpec> = {
  request: Request;
  requestId: string;
  caller: O["access"] extends "public" ? null : Caller;
  actor: Actor;
  params: Record<string, string>;
  team: O["path"] extends `${string}{team}${string}` ? TeamRef : undefined;
  query: Parsed<O["query"]>;
  body: Parsed<O["body"]>;
  /** Answers with the operation's documented status and response schema. */
  respond: (value: z.input<O["response"]["schema"]>, init?: RespondInit) => Response;
};

type RouteContext = { params: Promise<Record<string, string>> };

export function withManagementAuth<const O extends OperationSpec>(operation: O, handler: (ctx: ManagementContext<O>) => Promise<Response>) {
  return async function route(request: Request, context: RouteContext): Promise<Response> {
    const requestId = newRequestId();
    try {
      const caller = operation.access === "public" ? null : await authenticateCaller(request.headers);
      const params = (await context?.params) ?? {};
      // Team first: a key addressing another team gets the same 404 on every route, admin-only or not.
      const team = caller && params.team !== undefined ? await resolveTeam(caller, params.team) : undefined;
      if (operation.access === "admin") requireAdmin(caller!);
      const url = new URL(request.url);
      const ctx = {
        request,
        requestId,
        caller,
        actor: caller ? actorFor(caller) : { type: "SYSTEM" },
        params,
        team,
        query: operation.query ? readQuery(url, operation.query) : undefined,
        body: operation.body ? await readJsonBody(request, operation.body) : undefined,
        respond: (value: unknown, init: RespondInit = {}) =>
          jsonResponse(operation.response.schema, value, requestId, init.status ?? operation.response.status, init.headers),
      } as ManagementContext<O>;
      return await handler(ctx);
    } catch (error) {
      return errorResponse(error, request, requestId);
    }
  };
}
