// Import boundaries, checked by `npm run lint` (and so first in `npm test`). Each rule's comment says
// why the boundary exists; a violation names the rule and the import. Cycles between lib/ folders
// are checked by scripts/check-architecture.ts on the same graph.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-not-to-ui",
      severity: "error",
      comment: "lib/ is the domain: pages and components use it, never the other way round.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "gateway-without-next",
      severity: "error",
      comment: "lib/gateway is mounted on plain node:http in production: it must not need Next.js.",
      from: { path: "^lib/gateway/" },
      to: { path: "(^|/)node_modules/next/" },
    },
    {
      name: "components-without-database",
      severity: "error",
      comment: "Components render what pages give them: no Prisma, no database client (enums come from lib/ui-types).",
      from: { path: "^components/" },
      to: { path: ["^lib/db\\.ts$", "^lib/generated/", "(^|/)node_modules/(@prisma|prisma|pg)/"] },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment: "Components are shared by pages: a page passes its server actions in as props.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    {
      name: "billing-not-to-gateway",
      severity: "error",
      comment: "Money does not depend on the hot path: the gateway calls lib/billing/ledger, never the reverse.",
      from: { path: "^lib/billing/" },
      to: { path: "^lib/gateway/" },
    },
    {
      name: "domain-not-to-gateway",
      severity: "error",
      comment: "Domain code announces changes through lib/cache; only adapters (management, try-it) call the gateway.",
      from: { path: "^lib/(catalog|keys|subscriptions|billing|net|teams|usage|auth|audit|email|notifications|admin)/" },
      to: { path: "^lib/gateway/" },
    },
    {
      name: "money-writes-in-ledger",
      severity: "error",
      comment:
        "Only lib/billing/ledger moves money; the metered paths (gateway, AI gateway, MCP, Prompt API calls) call it (see also scripts/check-architecture.ts).",
      from: { pathNot: "^(lib/billing|lib/gateway|lib/ai|lib/mcp|lib/prompt-apis/call|test|bench|scripts)/" },
      to: { path: "^lib/billing/ledger/(charge-call|close-call|post-credit)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^lib/generated/", "^\\.next", "^node_modules/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
