// Link to Stripe's hosted receipt for a payment; opens in a new tab without handing it our window.
export function ReceiptLink({ href, label = "Receipt", context }: { href: string; label?: string; context?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
      {label}
      {context ? <span className="sr-only"> {context}</span> : null}
    </a>
  );
}
