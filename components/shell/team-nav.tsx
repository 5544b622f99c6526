import { SectionNav } from "@/components/shell/section-nav";

const ITEMS = [
  { path: "", label: "Overview" },
  { path: "/catalog", label: "Catalog" },
  { path: "/subscriptions", label: "Subscriptions" },
  { path: "/keys", label: "Keys" },
  { path: "/mcp", label: "MCP" },
  { path: "/usage", label: "Usage" },
  { path: "/billing", label: "Billing" },
  { path: "/members", label: "Members" },
  { path: "/settings", label: "Settings" },
];

export function TeamNav({ slug }: { slug: string }) {
  return (
    <SectionNav label="Team" items={ITEMS.map((item) => ({ href: `/${slug}${item.path}`, label: item.label, exact: item.path === "" }))} />
  );
}
