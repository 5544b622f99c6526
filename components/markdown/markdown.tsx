// Markdown written by platform admins (API descriptions), rendered on the server. Raw HTML in the
// source is dropped (skipHtml, no rehype-raw), and react-markdown's default URL transform already
// turns `javascript:` and other unsafe links into empty ones; external links open without the
// opener and pass no referrer.
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { TableScroll } from "@/components/ui/table-scroll";

const components: Components = {
  h1: ({ node: _node, ...props }) => <h2 className="mt-6 text-xl font-semibold text-slate-900" {...props} />,
  h2: ({ node: _node, ...props }) => <h2 className="mt-6 text-lg font-semibold text-slate-900" {...props} />,
  h3: ({ node: _node, ...props }) => <h3 className="mt-5 font-semibold text-slate-900" {...props} />,
  h4: ({ node: _node, ...props }) => <h4 className="mt-4 font-medium text-slate-900" {...props} />,
  p: ({ node: _node, ...props }) => <p className="mt-3 leading-relaxed" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="mt-3 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="mt-3 list-decimal space-y-1 pl-6" {...props} />,
  blockquote: ({ node: _node, ...props }) => <blockquote className="mt-3 border-l-4 border-slate-200 pl-4 text-slate-600" {...props} />,
  pre: ({ node: _node, ...props }) => (
    <pre
      tabIndex={0}
      className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-4 text-xs text-slate-100 [&_code]:bg-transparent [&_code]:p-0 [&_code]:text-inherit"
      {...props}
    />
  ),
  code: ({ node: _node, ...props }) => (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800" {...props} />
  ),
  table: ({ node: _node, ...props }) => (
    <TableScroll className="mt-3">
      <table className="min-w-full border-collapse text-sm" {...props} />
    </TableScroll>
  ),
  th: ({ node: _node, ...props }) => <th className="border border-slate-200 bg-slate-50 px-3 py-1.5 text-left font-medium" {...props} />,
  td: ({ node: _node, ...props }) => <td className="border border-slate-200 px-3 py-1.5" {...props} />,
  a: ({ node: _node, href, ...props }) => {
    const external = typeof href === "string" && /^[a-z][a-z0-9+.-]*:/i.test(href);
    return (
      <a
        href={href}
        className="font-medium text-brand-700 underline"
        {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}
        {...props}
      />
    );
  },
  img: ({ node: _node, alt }) => <span className="text-slate-500">[image: {alt || "no description"}]</span>,
};

export function Markdown({ children }: { children: string }) {
  return (
    <div className="text-sm text-slate-700 [&>:first-child]:mt-0" data-testid="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
