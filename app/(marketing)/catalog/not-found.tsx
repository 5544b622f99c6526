import Link from "next/link";
import { EmptyState } from "@/components/ui/card";

export default function ApiNotFound() {
  return (
    <EmptyState title="This API is not in the catalog">
      It may never have existed, not be published yet, or have been retired.{" "}
      <Link href="/catalog" className="font-medium text-brand-700 underline">
        Browse the catalog
      </Link>
      .
    </EmptyState>
  );
}
