import { SectionNav } from "@/components/shell/section-nav";

// One place lists the admin console's sections; every /admin page sits under this bar.
const ITEMS = [
  { href: "/admin", label: "Overview", exact: true },
  { href: "/admin/apis", label: "APIs" },
  { href: "/admin/ai", label: "AI models" },
  { href: "/admin/approvals", label: "Approvals" },
  { href: "/admin/teams", label: "Teams" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/credit", label: "Credit" },
  { href: "/admin/payments", label: "Payments" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/outbox", label: "Outbox" },
  { href: "/admin/system", label: "System" },
];

export function AdminNav() {
  return <SectionNav label="Admin" items={ITEMS} className="mb-6" />;
}
