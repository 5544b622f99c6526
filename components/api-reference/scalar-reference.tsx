"use client";
// The OpenAPI reference, rendered by Scalar (a maintained renderer; it runs in the browser only, so
// api-reference.tsx loads this file with ssr: false). Requests are made by our own try-it console,
// which charges a team key; Scalar's request client, its AI agent, telemetry and web fonts are off,
// so the page talks to no third party.
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";
import { useEffect, useMemo, useRef } from "react";

/**
 * Scalar's client picker is a tablist whose last child, "More", is a plain button (axe:
 * aria-required-children, critical). It does act as a tab: selecting a client from it makes it the
 * active one. So it is marked as the tab it is, with its selected state and its popup.
 */
function fixClientTabsAndCopyButtons(root: HTMLElement) {
  // Its code blocks' copy buttons are an icon with no name (axe button-name, critical).
  for (const copy of root.querySelectorAll<HTMLElement>("button.scalar-code-copy:not([aria-label])"))
    copy.setAttribute("aria-label", "Copy code");
  for (const more of root.querySelectorAll<HTMLElement>('[role="tablist"] button.client-libraries__select')) {
    more.setAttribute("role", "tab");
    more.setAttribute("aria-haspopup", "listbox");
    more.setAttribute("aria-selected", String(more.classList.contains("client-libraries__active")));
  }
}

export type ScalarReferenceProps = {
  document: Record<string, unknown>;
  gatewayUrl: string;
  title: string;
  /** the gateway's bearer scheme added to a document without one (lib/catalog/reference-document.ts) */
  preferredScheme?: string | null;
};

export default function ScalarReference({ document, gatewayUrl, title, preferredScheme = null }: ScalarReferenceProps) {
  const configuration = useMemo(
    () => ({
      content: document,
      title,
      // Code samples call the gateway, whatever servers the uploaded document names.
      servers: [{ url: gatewayUrl, description: "Tollgate gateway (send your team key)" }],
      hideClientButton: true,
      hideTestRequestButton: true,
      hideDarkModeToggle: true,
      forceDarkModeState: "light" as const,
      withDefaultFonts: false,
      telemetry: false,
      showSidebar: false,
      // Its toolbar (share, deploy, configure) links to Scalar's hosted services.
      showDeveloperTools: "never" as const,
      documentDownloadType: "json" as const,
      agent: { disabled: true },
      defaultOpenAllTags: true,
      // Its separate "Models" list nests links inside collapsible buttons (axe nested-interactive);
      // each operation still shows its schemas.
      hideModels: true,
      // Samples show where the team key goes, as a placeholder (never a real key).
      ...(preferredScheme
        ? {
            authentication: {
              preferredSecurityScheme: preferredScheme,
              securitySchemes: { [preferredScheme]: { token: "$TOLLGATE_KEY" } },
            },
          }
        : {}),
    }),
    [document, gatewayUrl, title, preferredScheme],
  );
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    fixClientTabsAndCopyButtons(root);
    const observer = new MutationObserver(() => fixClientTabsAndCopyButtons(root));
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={container} className="tollgate-scalar" data-testid="api-reference">
      <ApiReferenceReact configuration={configuration} />
    </div>
  );
}
