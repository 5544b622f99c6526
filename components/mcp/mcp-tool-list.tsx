// The tools a team's agents get over MCP, by API: name, title, and whether a call only reads.
// Plain data in (the page reads it from lib/mcp); no database here.
import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table-scroll";

export type McpToolView = { name: string; title: string; description: string; readOnly: boolean };
export type McpApiToolsView = { slug: string; name: string; serverUrl: string; tools: McpToolView[] };

const firstLine = (text: string) => text.split("\n")[0]!.slice(0, 200);

export function McpToolList({ apis, builtins }: { apis: McpApiToolsView[]; builtins: McpToolView[] }) {
  return (
    <div className="space-y-4" data-testid="mcp-tools">
      {[{ slug: "", name: "Built in (free)", serverUrl: "", tools: builtins }, ...apis].map((api) => (
        <Card
          key={api.slug || "builtin"}
          title={api.name}
          description={
            api.slug ? (
              <>
                {api.tools.length} {api.tools.length === 1 ? "tool" : "tools"} · this API alone:{" "}
                <code className="break-all">{api.serverUrl}</code> ·{" "}
                <Link href={`/catalog/${api.slug}`} className="text-brand-700 underline">
                  API page
                </Link>
              </>
            ) : (
              "Every server has these: the team's balance, and its calls and spend of the last 24 hours."
            )
          }
        >
          <TableScroll>
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Tool
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    What it does
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Kind</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {api.tools.map((tool) => (
                  <tr key={tool.name} data-testid="mcp-tool">
                    <td className="py-2 pr-4 align-top font-mono text-xs text-slate-800">{tool.name}</td>
                    <td className="py-2 pr-4 align-top text-slate-700">
                      <span className="font-medium text-slate-900">{tool.title}</span>
                      {tool.description && firstLine(tool.description) !== tool.title ? (
                        <span className="block text-xs text-slate-500">{firstLine(tool.description)}</span>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap py-2 align-top">{tool.readOnly ? <Badge>read-only</Badge> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Card>
      ))}
    </div>
  );
}
