import Link from "next/link";

/** Way back to the admin overview from its sub-pages. */
export function AdminBackLink() {
  return (
    <Link href="/admin" className="mb-2 inline-block text-sm text-brand-700 hover:underline">
      ← Platform admin
    </Link>
  );
}
