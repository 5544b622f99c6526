import { AdminLoading } from "@/components/admin/admin-loading";

// The console-wide fallback (also for sections without their own loading.tsx): placeholders only.
export default function Loading() {
  return <AdminLoading />;
}
