import { AdminLoading } from "@/components/admin/admin-loading";

export default function AdminApisLoading() {
  return <AdminLoading title="APIs" />;
}
