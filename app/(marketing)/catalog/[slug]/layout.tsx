// Decides "not found" before the page's loading boundary starts streaming, so a draft, retired,
// private or unknown API answers with a real 404 status (the page reads the same cached row).
import { notFound } from "next/navigation";
import { getPublishedApi } from "@/lib/catalog/get-published-api";

export default async function ApiLayout({ params, children }: { params: Promise<{ slug: string }>; children: React.ReactNode }) {
  if (!(await getPublishedApi((await params).slug))) notFound();
  return children;
}
