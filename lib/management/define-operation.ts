// One definition per management API operation: method, path, who may call it, the zod schemas of
// its query, body and response, the errors it can answer, and `run`, its handler. Every adapter
// enforces exactly these schemas (execute-operation.ts) and the OpenAPI document is generated from
// them, so the description cannot drift from the behaviour.
import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import type { OperationContext, OperationOutput, Reply } from "@/lib/management/operation-context";
import type { OperationTag } from "@/lib/management/operation-tags";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** admin: the admin token only; any: the admin token or a team key with `manage`; public: no auth. */
export type Access = "admin" | "any" | "public";

export type OperationSpec = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path, e.g. `/api/v1/teams/{team}/keys/{id}` */
  path: string;
  tag: OperationTag;
  summary: string;
  /** what the summary leaves out: who may call it, what it refuses, what it changes */
  description: string;
  access: Access;
  query?: z.ZodType;
  body?: z.ZodType;
  /** extra request headers the operation reads (documented only) */
  headers?: readonly { name: string; description: string }[];
  response: { status: number; description: string; schema: z.ZodType };
  /** expected problem codes besides the ones every authenticated call can answer */
  errors?: readonly ErrorCode[];
};

export type OperationRun<O extends OperationSpec> = (
  context: OperationContext<O>,
) => Promise<OperationOutput<O> | Reply<OperationOutput<O>>>;

export type Operation<O extends OperationSpec = OperationSpec> = O & { run: OperationRun<O> };

/**
 * Any operation, its context type erased: what lists and adapters hold. `never` accepts every
 * `run`; the adapter builds the context from the operation's own schemas (execute-operation.ts).
 */
export type AnyOperation = OperationSpec & { run: (context: never) => Promise<unknown> };

/** The mapped type is what lets TypeScript infer O from the spec before it types `run`'s context. */
export function defineOperation<const O extends OperationSpec>(
  operation: { [K in keyof O]: O[K] } & { run: OperationRun<O> },
): Operation<O> {
  return operation as Operation<O>;
}
