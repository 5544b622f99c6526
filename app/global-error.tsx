"use client";
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}>
        <h1>Something went wrong</h1>
        <p>An unexpected error stopped this page. Tell your admin the reference below.</p>
        {error.digest ? <p style={{ fontFamily: "monospace" }}>Reference: {error.digest}</p> : null}
      </body>
    </html>
  );
}
