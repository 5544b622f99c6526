"use client";
// The success page renders on the server; while the webhook has not arrived yet this re-renders it
// every 2 s, for about 30 s, then stops and leaves the "still processing" note in place.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function RefreshWhilePending({ intervalMs = 2_000, maxTries = 15 }: { intervalMs?: number; maxTries?: number }) {
  const router = useRouter();
  useEffect(() => {
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > maxTries) clearInterval(timer);
      else router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs, maxTries]);
  return null;
}
