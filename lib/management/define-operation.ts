// One description per management API operation: method, path, who may call it, and the zod schemas
// of its query, body and response. The route wrapper enforces exactly these schemas and the OpenAPI
// document is generated from them, so the two cannot drift apart.
import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** admin: the admin token only; any: the admin token or a team key with `manage`; public: no auth. */
export type Access = "admin" | "any" | "public";

export type OperationSpec = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path, e.g. `/api/v1/teams/{team}/keys/{id}` */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodType;
  body?: z.ZodType;
  /** extra request headers the operation reads (documented only) */
  headers?: readonly { name: string; description: string }[];
  response: { status: number; description: string; schema: z.ZodType };
  /** expected problem codes besides the ones every authenticated call can answer */
  errors?: readonly ErrorCode[];
};

export function defineOperation<const O extends OperationSpec>(operation: O): O {
  return operation;
}
