import { PageSkeleton } from "@/components/subscriptions/page-skeleton";

export default function Loading() {
  return <PageSkeleton label="Loading approvals…" />;
}
