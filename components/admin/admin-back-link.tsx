import Link from "next/link";

/** Way back from an admin detail page to its list (the admin nav bar covers the sections). */
export function AdminBackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="mb-2 inline-block text-sm text-brand-700 hover:underline">
      ← {label}
    </Link>
  );
}
