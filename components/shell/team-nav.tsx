"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { path: "", label: "Overview" },
  { path: "/catalog", label: "Catalog" },
  { path: "/subscriptions", label: "Subscriptions" },
  { path: "/keys", label: "Keys" },
  { path: "/usage", label: "Usage" },
  { path: "/billing", label: "Billing" },
  { path: "/members", label: "Members" },
  { path: "/settings", label: "Settings" },
];

export function TeamNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Team" className="flex gap-1 overflow-x-auto border-b border-slate-200 text-sm">
      {ITEMS.map((item) => {
        const href = `/${slug}${item.path}`;
        const active = item.path === "" ? pathname === href : pathname.startsWith(href);
        return (
          <Link
            key={item.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 ${active ? "border-brand-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
