"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

type SectionNavItem = { href: string; label: string; /** active only on this exact path (section roots) */ exact?: boolean };

/** A tab bar of links; the current section is marked with aria-current. */
export function SectionNav({ label, items, className = "" }: { label: string; items: SectionNavItem[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={`flex gap-1 overflow-x-auto border-b border-slate-200 text-sm ${className}`}>
      {items.map((item) => {
        const active = item.exact ? pathname === item.href : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
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
