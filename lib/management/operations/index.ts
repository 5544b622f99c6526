// Every management API operation; the OpenAPI document is built from this list.
import type { OperationSpec } from "@/lib/management/define-operation";
import * as apis from "@/lib/management/operations/apis";
import * as credits from "@/lib/management/operations/credits";
import * as keys from "@/lib/management/operations/keys";
import * as meta from "@/lib/management/operations/meta";
import * as subscriptions from "@/lib/management/operations/subscriptions";
import * as teams from "@/lib/management/operations/teams";
import * as usage from "@/lib/management/operations/usage";

const isOperation = (value: unknown): value is OperationSpec => typeof value === "object" && value !== null && "operationId" in value;

export const OPERATIONS: readonly OperationSpec[] = [apis, teams, credits, subscriptions, keys, usage, meta].flatMap((module) => Object.values(module).filter(isOperation));
