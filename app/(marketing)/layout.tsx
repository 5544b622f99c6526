import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { ButtonLink } from "@/components/ui/button";

export default async function MarketingLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4">
          <Link href="/" className="font-semibold tracking-tight">
            Tollgate
          </Link>
          <Link href="/catalog" className="text-sm text-slate-600 hover:text-slate-900">
            Catalog
          </Link>
          <div className="ml-auto flex gap-2">
            {user ? (
              <ButtonLink href="/teams">Open portal</ButtonLink>
            ) : (
              <>
                <ButtonLink href="/sign-in" variant="ghost">
                  Sign in
                </ButtonLink>
                <ButtonLink href="/sign-up">Sign up</ButtonLink>
              </>
            )}
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-10">{children}</main>
    </>
  );
}
