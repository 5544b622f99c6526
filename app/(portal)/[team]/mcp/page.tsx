// The team's MCP page: the server URL of every API the team may call, copy-paste configuration for
// Claude Code, Claude Desktop, Cursor and VS Code, the tools the team's agents get, and where the
// OAuth sign-ins (grants) are managed.
import type { Metadata } from "next";
import Link from "next/link";
import { loadTeamPage } from "@/lib/auth/team-page";
import { listTeamTools } from "@/lib/mcp/caller-tools";
import { BUILTIN_TOOLS } from "@/lib/mcp/builtin-tools";
import { mcpResourceUrl } from "@/lib/oauth/resource";
import type { ToolDefinition } from "@/lib/mcp/tool-model";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { McpConnect } from "@/components/mcp/mcp-connect";
import { McpToolList, type McpToolView } from "@/components/mcp/mcp-tool-list";

export const metadata: Metadata = { title: "MCP" };

const view = (tool: ToolDefinition): McpToolView => ({
  name: tool.name,
  title: tool.title ?? tool.name,
  description: tool.description,
  readOnly: tool.annotations.readOnlyHint === true,
});

export default async function TeamMcpPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { ctx } = await loadTeamPage(slug);
  const apis = await listTeamTools(ctx.team.id);
  return (
    <>
      <PageHeader
        title="MCP"
        description="Agents (Claude, Cursor, VS Code and other MCP clients) use your team's APIs as tools. Every tool call is a metered gateway call, paid from the team's credit like any other."
      />
      <div className="space-y-6">
        <Card title="Connect an agent" description="One server with the tools of every API below; each API also has a server of its own.">
          <McpConnect serverUrl={mcpResourceUrl()} />
          <p className="mt-4 text-sm text-slate-600">
            A key scoped to some APIs sees only their tools. Sign-ins through OAuth appear on the{" "}
            <Link href={`/${slug}/keys`} className="text-brand-700 underline">
              Keys page
            </Link>{" "}
            as “MCP: &lt;client name&gt;”, with their spend and last use; owners and admins revoke them there.
          </p>
        </Card>
        <section aria-labelledby="mcp-tools-heading" className="space-y-3">
          <h2 id="mcp-tools-heading" className="text-lg font-semibold text-slate-900">
            Tools your team gets
          </h2>
          {apis.length === 0 ? (
            <EmptyState title="No API tools yet">
              Subscribe to an API in the{" "}
              <Link href={`/${slug}/catalog`} className="text-brand-700 underline">
                catalog
              </Link>{" "}
              and its operations appear here as tools at once.
            </EmptyState>
          ) : null}
          <McpToolList
            builtins={BUILTIN_TOOLS.map((tool) => view(tool.definition))}
            apis={apis.map(({ api, tools }) => ({
              slug: api.slug,
              name: api.name,
              serverUrl: mcpResourceUrl(api.slug),
              tools: tools.map(view),
            }))}
          />
        </section>
      </div>
    </>
  );
}
