/**
 * The box a wide table scrolls sideways in on narrow screens. `relative` keeps absolutely
 * positioned children (sr-only labels of row forms) inside it; otherwise they widen the page.
 */
export function TableScroll({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return <div className={`relative overflow-x-auto ${className}`}>{children}</div>;
}
