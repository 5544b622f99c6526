"use client";
// The playground of an AI API: pick a team, one of its keys and a chat model, write a system prompt
// and messages, and stream the answer through the AI gateway (POST /api/playground). The call is
// real: it is charged to the team, and its tokens, cost and the new balance show when it ends.
import { useRef, useState } from "react";
import type { TryItTeamOption } from "@/lib/try-it/list-try-it-keys";
import type { PlaygroundMessage, PlaygroundRequest } from "@/lib/ai/playground/playground-schema";
import { readPlaygroundStream, type PlaygroundUsage } from "@/lib/ai/playground/read-playground-stream";
import { Button } from "@/components/ui/button";
import { initialTeam, inputClass, labelClass, TeamKeyPicker } from "@/components/try-it/team-key-picker";
import { PlaygroundFailureView, PlaygroundResultView, type Failure, type Outcome } from "@/components/ai/playground-result";

type Props = {
  api: string;
  models: { publicId: string; displayName: string }[];
  teams: TryItTeamOption[];
  currency: string;
};

export function AiPlayground({ api, models, teams, currency }: Props) {
  const [teamSlug, setTeamSlug] = useState(initialTeam(teams)?.slug ?? "");
  const [keyId, setKeyId] = useState(initialTeam(teams)?.keys[0]?.id ?? "");
  const [model, setModel] = useState(models[0]?.publicId ?? "");
  const [system, setSystem] = useState("You are a helpful assistant.");
  const [conversation, setConversation] = useState<PlaygroundMessage[]>([]);
  const [draft, setDraft] = useState("");
  const [answer, setAnswer] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const abort = useRef<AbortController | null>(null);

  function chooseTeam(slug: string) {
    setTeamSlug(slug);
    setKeyId(teams.find((candidate) => candidate.slug === slug)?.keys[0]?.id ?? "");
  }

  function clear() {
    setConversation([]);
    setAnswer(null);
    setOutcome(null);
    setFailure(null);
  }

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (!draft.trim() || pending) return;
    const messages: PlaygroundMessage[] = [...conversation, { role: "user", content: draft }];
    const payload: PlaygroundRequest = { team: teamSlug, keyId, api, model, system, messages };
    const controller = new AbortController();
    abort.current = controller;
    setPending(true);
    setFailure(null);
    setOutcome(null);
    setAnswer("");
    let text = "";
    let usage: PlaygroundUsage | null = null;
    const result: Outcome = { team: teamSlug, model, usage: null, charged: null, balance: null, finishReason: null, requestId: null };
    try {
      const response = await fetch("/api/playground", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        signal: controller.signal,
      });
      result.requestId = response.headers.get("x-request-id");
      if (!response.ok || !response.body || !response.headers.get("content-type")?.includes("text/event-stream")) {
        const data = await response.json().catch(() => null);
        setAnswer(null);
        setFailure(failureOf(response.status, data, teamSlug));
        return;
      }
      // The user's message joins the conversation once the gateway took the call.
      setConversation(messages);
      setDraft("");
      for await (const item of readPlaygroundStream(response.body)) {
        if (item.type === "text") setAnswer((text += item.text));
        else if (item.type === "finish") result.finishReason = item.reason;
        else if (item.type === "usage") {
          usage = item.usage;
          Object.assign(result, { usage: item.usage, charged: item.charged, balance: item.balance });
        } else if (item.type === "error") setFailure({ status: 200, message: item.message, code: item.code, team: teamSlug });
      }
    } catch (error) {
      if ((error as Error).name === "AbortError")
        setFailure({ status: 0, message: "Stopped. The tokens delivered so far are charged.", code: null, team: teamSlug });
      else
        setFailure({
          status: 0,
          message: "The request did not reach the server. Check your connection and try again.",
          code: null,
          team: teamSlug,
        });
    } finally {
      abort.current = null;
      setPending(false);
      if (text) setConversation((current) => [...current, { role: "assistant", content: text }]);
      if (text || usage) setOutcome(result);
      setAnswer(null);
    }
  }

  if (teams.length === 0) return <p className="text-sm text-slate-600">Create or join a team to use the playground.</p>;
  if (models.length === 0) return <p className="text-sm text-slate-600">This API has no chat model to try here.</p>;

  const shown = answer === null ? conversation : [...conversation, { role: "assistant" as const, content: answer }];
  return (
    <form onSubmit={send} aria-label="Playground" className="grid gap-6 lg:grid-cols-[18rem_1fr]" data-testid="playground">
      <div className="min-w-0 space-y-4">
        <TeamKeyPicker
          idPrefix="playground"
          teams={teams}
          teamSlug={teamSlug}
          keyId={keyId}
          onTeamChange={chooseTeam}
          onKeyChange={setKeyId}
          noKeysTestId="playground-no-keys"
        />
        <div>
          <label htmlFor="playground-model" className={labelClass}>
            Model
          </label>
          <select id="playground-model" value={model} onChange={(event) => setModel(event.target.value)} className={inputClass}>
            {models.map((option) => (
              <option key={option.publicId} value={option.publicId}>{`${option.displayName} (${option.publicId})`}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="playground-system" className={labelClass}>
            System prompt
          </label>
          <textarea
            id="playground-system"
            value={system}
            onChange={(event) => setSystem(event.target.value)}
            rows={4}
            className={inputClass}
          />
        </div>
      </div>

      <div className="min-w-0 space-y-4">
        <ol aria-label="Conversation" aria-live="polite" className="space-y-3" data-testid="playground-conversation">
          {shown.length === 0 ? (
            <li className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500">
              Write a message and send it: the answer streams here.
            </li>
          ) : (
            shown.map((message, index) => (
              <li
                key={index}
                data-testid={`playground-${message.role}`}
                className={`whitespace-pre-wrap break-words rounded-lg px-3 py-2 text-sm ${
                  message.role === "user" ? "ml-8 bg-brand-50 text-slate-900" : "mr-8 border border-slate-200 bg-white text-slate-800"
                }`}
              >
                <span className="mb-1 block text-xs font-medium uppercase tracking-wide text-slate-500">
                  {message.role === "user" ? "You" : model}
                </span>
                {message.content || (pending ? "…" : "")}
              </li>
            ))
          )}
        </ol>
        <div>
          <label htmlFor="playground-message" className={labelClass}>
            Message
          </label>
          <textarea
            id="playground-message"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) event.currentTarget.form?.requestSubmit();
            }}
            rows={3}
            className={inputClass}
            placeholder="Ask something…"
            aria-describedby="playground-message-hint"
          />
          <p id="playground-message-hint" className="mt-1 text-xs text-slate-500">
            Ctrl+Enter sends. Each message is a real call, charged to the team at its plan&apos;s prices; prompts are not stored.
          </p>
        </div>
        {failure ? <PlaygroundFailureView failure={failure} /> : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending || !keyId || !draft.trim()} aria-disabled={pending || !keyId || !draft.trim()}>
            {pending ? "Streaming…" : "Send"}
          </Button>
          {pending ? (
            <Button type="button" variant="secondary" onClick={() => abort.current?.abort()}>
              Stop
            </Button>
          ) : null}
          {conversation.length && !pending ? (
            <Button type="button" variant="ghost" onClick={clear}>
              Clear conversation
            </Button>
          ) : null}
        </div>
        {outcome ? <PlaygroundResultView outcome={outcome} currency={currency} /> : null}
      </div>
    </form>
  );
}

type ErrorBody = { detail?: string; code?: string; errors?: Record<string, string>; error?: { message?: string; code?: string } } | null;

function failureOf(status: number, data: ErrorBody, team: string): Failure {
  const fields = data?.errors ? Object.values(data.errors) : [];
  const message = fields[0] ?? data?.detail ?? data?.error?.message ?? `The playground could not send the message (HTTP ${status}).`;
  return { status, message, code: data?.code ?? data?.error?.code ?? null, team };
}
