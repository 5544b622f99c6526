import type { ApiKeyStatus } from "@/lib/keys/public-api-key";
import { Badge } from "@/components/ui/card";

const TONE = { active: "green", rotating: "amber", rotated: "slate", expired: "slate", revoked: "red" } as const;
const LABEL: Record<ApiKeyStatus, string> = {
  active: "Active",
  rotating: "Rotating",
  rotated: "Rotated",
  expired: "Expired",
  revoked: "Revoked",
};

export function KeyStatusBadge({ status }: { status: ApiKeyStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
