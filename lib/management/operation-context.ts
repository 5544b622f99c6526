// What an operation's `run` receives: the authenticated caller and its audit actor, the resolved
// team, and the path, query and body already parsed against the operation's own schemas. Nothing
// here is HTTP-specific, so any adapter (the Next.js routes, an MCP server, a CLI) can build it.
import type { z } from "zod";
import type { Actor } from "@/lib/audit/actor";
import type { Caller } from "@/lib/management/caller";
import type { OperationSpec } from "@/lib/management/define-operation";
import type { TeamRef } from "@/lib/management/resolve-team";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** `/api/v1/teams/{team}/keys/{id}` -> "team" | "id" */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

export type OperationOutput<O extends OperationSpec> = z.input<O["response"]["schema"]>;

/** A value with a status or headers other than the operation's documented defaults. */
export class Reply<T = unknown> {
  constructor(
    readonly value: T,
    readonly status?: number,
    readonly headers?: HeadersInit,
  ) {}
}

export type RespondInit = { status?: number; headers?: HeadersInit };

/** Exact for one operation; for the general OperationSpec (an adapter's view) every case stays open. */
type CallerOf<A> = A extends "public" ? null : "public" extends A ? Caller | null : Caller;
type TeamOf<P extends string> = P extends `${string}{team}${string}` ? TeamRef : string extends P ? TeamRef | undefined : undefined;

export type OperationContext<O extends OperationSpec> = {
  requestId: string;
  caller: CallerOf<O["access"]>;
  actor: Actor;
  /** the request's headers, for the ones the operation documents (`Idempotency-Key`) */
  headers: Headers;
  params: Record<PathParams<O["path"]>, string>;
  team: TeamOf<O["path"]>;
  query: Parsed<O["query"]>;
  body: Parsed<O["body"]>;
  /** Answers with another status or extra headers; a plain return value gets the documented status. */
  respond: (value: OperationOutput<O>, init?: RespondInit) => Reply<OperationOutput<O>>;
};

export const respond = <T>(value: T, init: RespondInit = {}): Reply<T> => new Reply(value, init.status, init.headers);
