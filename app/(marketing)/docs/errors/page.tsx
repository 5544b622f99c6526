// /docs/errors - every problem code the gateway and the management API answer with.
import type { Metadata } from "next";
import Link from "next/link";
import { allErrorDocs } from "@/lib/http/error-docs";
import { PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Error reference" };

export default function ErrorIndexPage() {
  return (
    <>
      <PageHeader
        title="Error reference"
        description="Errors are RFC 9457 problem+json bodies with type, title, status, detail, code and requestId. Each type URL points here."
      />
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {allErrorDocs().map((doc) => (
          <li key={doc.code} className="flex items-baseline gap-4 px-5 py-3">
            <span className="w-12 shrink-0 font-mono text-sm text-slate-500">{doc.status}</span>
            <Link href={`/docs/errors/${doc.code}`} className="font-mono text-sm text-brand-600 hover:underline">
              {doc.code}
            </Link>
            <span className="text-sm text-slate-700">{doc.title}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
