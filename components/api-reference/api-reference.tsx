"use client";
// Loads the Scalar reference in the browser only (it renders with Vue and reads `window`); the page
// shows a placeholder meanwhile and the API's description stays readable without JavaScript.
import dynamic from "next/dynamic";
import type { ScalarReferenceProps } from "@/components/api-reference/scalar-reference";

const ScalarReference = dynamic(() => import("@/components/api-reference/scalar-reference"), {
  ssr: false,
  loading: () => (
    <p className="py-10 text-center text-sm text-slate-500" aria-busy="true">
      Loading the API reference…
    </p>
  ),
});

export function ApiReference(props: ScalarReferenceProps) {
  return <ScalarReference {...props} />;
}
