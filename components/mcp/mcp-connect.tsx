// How to connect an agent to an MCP server URL: the URL to copy and each client's configuration.
// Used by the team's MCP page (every API) and an API's page (that API).
import { CopyField } from "@/components/ui/copy-field";
import { QuickstartTabs } from "@/components/ai/quickstart-tabs";
import { mcpClientConfigs } from "@/components/mcp/mcp-client-configs";

export function McpConnect({ serverUrl, apiSlug }: { serverUrl: string; apiSlug?: string }) {
  return (
    <div className="space-y-4" data-testid="mcp-connect">
      <CopyField label="MCP server URL" value={serverUrl} />
      <p className="text-sm text-slate-600">
        Clients that support OAuth sign in with your Tollgate account and pick a team; the others send a team key in the{" "}
        <code>Authorization</code> header. Never put a key in the URL.
      </p>
      <QuickstartTabs quickstarts={mcpClientConfigs(serverUrl, apiSlug)} />
    </div>
  );
}
