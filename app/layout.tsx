import type { Metadata } from "next";
import "./globals.css";

// Rendered per request, the not-found page included: each page's scripts carry the nonce of its own
// Content-Security-Policy (proxy.ts), which a page prerendered at build time could not.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tollgate", template: "%s · Tollgate" },
  description: "Self-hosted API portal and metered gateway",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
