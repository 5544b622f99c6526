import { oauthProviders } from "@/lib/auth/config";
import { Button } from "@/components/ui/button";
import { oauthSignInAction } from "./actions";

/** GitHub / Google buttons, shown only for the providers configured in the environment. */
export function OAuthButtons({ callbackUrl }: { callbackUrl?: string }) {
  if (oauthProviders.length === 0) return null;
  return (
    <div className="mt-6 space-y-2 border-t border-slate-100 pt-6">
      {oauthProviders.map((provider) => (
        <form key={provider.id} action={oauthSignInAction}>
          <input type="hidden" name="provider" value={provider.id} />
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
          <Button type="submit" variant="secondary" className="w-full">
            Continue with {provider.name}
          </Button>
        </form>
      ))}
    </div>
  );
}
