"use client";
// A tab bar of links; the current section is marked with aria-current. On a narrow screen the tabs
// scroll sideways inside the bar, never the page: the bar shows a thin scrollbar and a fade on the
// side where more tabs wait, and the current tab is scrolled into view.
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";

type SectionNavItem = { href: string; label: string; /** active only on this exact path (section roots) */ exact?: boolean };

type Overflow = { before: boolean; after: boolean };

function overflowOf(nav: HTMLElement): Overflow {
  return { before: nav.scrollLeft > 1, after: nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1 };
}

const fade = "pointer-events-none absolute inset-y-0 w-8 from-white to-transparent";

export function SectionNav({ label, items, className = "" }: { label: string; items: SectionNavItem[]; className?: string }) {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ before: false, after: false });

  useEffect(() => {
    const element = nav.current;
    if (!element) return;
    const current = element.querySelector<HTMLElement>('[aria-current="page"]');
    // Only the bar scrolls (scrollIntoView would move the page too).
    if (current) element.scrollLeft = current.offsetLeft - (element.clientWidth - current.offsetWidth) / 2;
    const update = () => setOverflow(overflowOf(element));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [pathname]);

  return (
    <div className={`relative border-b border-slate-200 ${className}`}>
      <nav
        ref={nav}
        aria-label={label}
        onScroll={(event) => setOverflow(overflowOf(event.currentTarget))}
        className="flex gap-1 overflow-x-auto text-sm [scrollbar-width:thin]"
      >
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
      {overflow.before ? <div aria-hidden="true" data-testid="tabs-more-before" className={`${fade} left-0 bg-gradient-to-r`} /> : null}
      {overflow.after ? <div aria-hidden="true" data-testid="tabs-more-after" className={`${fade} right-0 bg-gradient-to-l`} /> : null}
    </div>
  );
}
