// /docs/errors/{code} - the page behind a problem's `type` URL: what happened and how to fix it.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { errorDoc, isErrorCode } from "@/lib/http/error-docs";
import { Card, PageHeader } from "@/components/ui/card";
import { Markdown } from "@/components/markdown/markdown";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  return { title: isErrorCode(code) ? `${code} (${errorDoc(code).status})` : "Unknown error" };
}

export default async function ErrorDocPage({ params }: Props) {
  const { code } = await params;
  if (!isErrorCode(code)) notFound();
  const doc = errorDoc(code);
  return (
    <>
      <PageHeader title={doc.title} description={<span className="font-mono">{`${doc.status} · code "${doc.code}"`}</span>} />
      <div className="grid gap-4 md:grid-cols-2">
        {/* The texts are Markdown (`code`, links), like the API descriptions. */}
        <Card title="What happened">
          <Markdown>{doc.meaning}</Markdown>
        </Card>
        <Card title="How to fix it">
          <Markdown>{doc.fix}</Markdown>
        </Card>
      </div>
      <p className="mt-6 text-sm text-slate-600">
        Every error body also carries a <code>requestId</code>: quote it when you ask for help.{" "}
        <Link href="/docs/errors" className="text-brand-600 hover:underline">
          All errors
        </Link>
      </p>
    </>
  );
}
