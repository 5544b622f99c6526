"use client";
// "Test connection": asks the saved provider for its model list through the server and shows the
// models it lists, or what failed (DNS, refused, timeout, 401, not JSON…).
import { useActionState } from "react";
import type { ConnectionTestState } from "@/lib/ai/registry/read-provider-form";
import { FormMessage, SubmitButton } from "@/components/ui/form";

type Props = { action: (state: ConnectionTestState, formData: FormData) => Promise<ConnectionTestState>; providerId: string };

export function ConnectionTest({ action, providerId }: Props) {
  const [state, formAction] = useActionState(action, {});
  const test = state.test;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="providerId" value={providerId} />
      <SubmitButton variant="secondary" pendingLabel="Testing…">
        Test connection
      </SubmitButton>
      <FormMessage state={{ error: state.error }} />
      {test ? (
        <div
          role="status"
          data-testid="connection-test-result"
          className={`rounded-md border px-3 py-2 text-sm ${test.ok ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-800"}`}
        >
          <p className="font-medium">{test.ok ? "Connected" : `Failed: ${test.failure.replace(/_/g, " ")}`}</p>
          <p className="mt-1">{test.message}</p>
          <p className="mt-1 text-xs opacity-75">
            {test.status === null ? "No HTTP answer" : `HTTP ${test.status}`} · {test.latencyMs} ms
          </p>
          {test.ok && test.models.length ? (
            <ul className="mt-2 flex flex-wrap gap-1" aria-label="Models the provider lists">
              {test.models.map((model) => (
                <li key={model} className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs">
                  {model}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
