// The models an AI API serves, as a caller compares them: the id to send, context and output limits,
// capabilities, and the prices per 1M tokens (input, cached input, output).
import type { ApiModelView } from "@/lib/ai/registry/list-api-models";
import { Badge, EmptyState } from "@/components/ui/card";
import { TableScroll } from "@/components/ui/table-scroll";
import { CAPABILITY_LABEL, KIND_LABEL, formatPerMillion, formatTokens } from "@/components/ai/model-labels";

const head = "px-4 py-2 font-medium";
const cell = "px-4 py-3 align-top";
const none = <span className="text-slate-400">–</span>;

export function ModelTable({ models, currency }: { models: ApiModelView[]; currency: string }) {
  if (models.length === 0) return <EmptyState title="This API publishes no models yet" />;
  const price = (micros: bigint) => formatPerMillion(micros, currency);
  return (
    <TableScroll className="rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="model-table">
        <caption className="sr-only">Models, limits and prices per 1M tokens</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className={head}>
              Model
            </th>
            <th scope="col" className={head}>
              Kind
            </th>
            <th scope="col" className={`${head} text-right`}>
              Context
            </th>
            <th scope="col" className={`${head} text-right`}>
              Max output
            </th>
            <th scope="col" className={head}>
              Capabilities
            </th>
            <th scope="col" className={`${head} text-right`}>
              Input / 1M
            </th>
            <th scope="col" className={`${head} text-right`}>
              Cached input / 1M
            </th>
            <th scope="col" className={`${head} text-right`}>
              Output / 1M
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {models.map((model) => {
            const chat = model.kind === "CHAT";
            return (
              <tr key={model.id} data-testid="model-row">
                <th scope="row" className={`${cell} font-normal`}>
                  <span className="font-medium text-slate-900">{model.displayName}</span>
                  <code className="block whitespace-nowrap text-xs text-slate-600">{model.publicId}</code>
                </th>
                <td className={cell}>{KIND_LABEL[model.kind]}</td>
                <td className={`${cell} text-right tabular-nums`}>{formatTokens(model.contextWindow)}</td>
                <td className={`${cell} text-right tabular-nums`}>{chat ? formatTokens(model.maxOutputTokens) : none}</td>
                <td className={cell}>
                  {model.capabilities.length ? (
                    <span className="flex flex-wrap gap-1">
                      {model.capabilities.map((capability) => (
                        <Badge key={capability}>{CAPABILITY_LABEL[capability]}</Badge>
                      ))}
                    </span>
                  ) : (
                    none
                  )}
                </td>
                <td className={`${cell} text-right tabular-nums`}>{price(model.prices.inputPrice)}</td>
                <td className={`${cell} text-right tabular-nums`}>{chat ? price(model.prices.cachedInputPrice) : none}</td>
                <td className={`${cell} text-right tabular-nums`}>{chat ? price(model.prices.outputPrice) : none}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
