// Copy-paste configuration of an MCP server URL for the clients people use. The key is never in the
// URL and never in the text itself: clients that can sign in with OAuth do so, and the team-key
// variants read the key from the environment or a password prompt and send it in a header.
import type { Quickstart } from "@/components/ai/quickstart-snippets";

/** `tollgate` or `tollgate-<api>`: the name the server gets in each client's configuration. */
export const mcpServerName = (apiSlug?: string) => (apiSlug ? `tollgate-${apiSlug}` : "tollgate");

export function mcpClientConfigs(serverUrl: string, apiSlug?: string): Quickstart[] {
  const name = mcpServerName(apiSlug);
  return [
    {
      id: "claude-code",
      label: "Claude Code",
      hint: "With a team key from the Keys page in TOLLGATE_KEY. Leave out --header to sign in with your Tollgate account instead (run /mcp in Claude Code).",
      code: `claude mcp add --transport http ${name} ${serverUrl} \\\n  --header "Authorization: Bearer $TOLLGATE_KEY"`,
    },
    {
      id: "claude-desktop",
      label: "Claude Desktop",
      hint: "Settings → Connectors → Add custom connector with the server URL signs in with your Tollgate account. With a team key instead, add this to claude_desktop_config.json:",
      code: JSON.stringify(
        {
          mcpServers: {
            [name]: {
              command: "npx",
              args: ["-y", "mcp-remote", serverUrl, "--header", "Authorization:${TOLLGATE_AUTH}"],
              env: { TOLLGATE_AUTH: "Bearer <your team key>" },
            },
          },
        },
        null,
        2,
      ),
    },
    {
      id: "cursor",
      label: "Cursor",
      hint: "In ~/.cursor/mcp.json (or .cursor/mcp.json of a project); Cursor reads TOLLGATE_KEY from your environment.",
      code: JSON.stringify(
        { mcpServers: { [name]: { url: serverUrl, headers: { Authorization: "Bearer ${env:TOLLGATE_KEY}" } } } },
        null,
        2,
      ),
    },
    {
      id: "vscode",
      label: "VS Code",
      hint: "In .vscode/mcp.json; VS Code asks for the key once and keeps it in its secret storage.",
      code: JSON.stringify(
        {
          inputs: [{ type: "promptString", id: "tollgate-key", description: "Tollgate team API key", password: true }],
          servers: { [name]: { type: "http", url: serverUrl, headers: { Authorization: "Bearer ${input:tollgate-key}" } } },
        },
        null,
        2,
      ),
    },
  ];
}
