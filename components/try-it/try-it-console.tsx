"use client";
// The try-it console: pick a team, one of its keys and an operation, fill in the request, send it
// through the gateway (POST /api/try-it). The call is real: it is charged to the team.
import { useMemo, useState } from "react";
import type { ApiOperation } from "@/lib/catalog/get-published-api";
import type { TryItTeamOption } from "@/lib/try-it/list-try-it-keys";
import { TRY_IT_METHODS, type TryItRequest, type TryItResult } from "@/lib/try-it/try-it-schema";
import { Button } from "@/components/ui/button";
import { fillPath, jsonBodyProblem, parseHeaderLines } from "@/components/try-it/request-builder";
import { TryItResultView } from "@/components/try-it/try-it-result";
import { initialTeam, inputClass, labelClass, TeamKeyPicker } from "@/components/try-it/team-key-picker";

const CUSTOM = "custom";

type Failure = { message: string; fields?: Record<string, string>; sendAnyway?: boolean };

export function TryItConsole({ api, operations, teams }: { api: string; operations: ApiOperation[]; teams: TryItTeamOption[] }) {
  const [teamSlug, setTeamSlug] = useState(initialTeam(teams)?.slug ?? "");
  const [keyId, setKeyId] = useState(initialTeam(teams)?.keys[0]?.id ?? "");
  const [operationIndex, setOperationIndex] = useState(operations.length ? "0" : CUSTOM);
  const operation = operationIndex === CUSTOM ? null : operations[Number(operationIndex)];
  const [customMethod, setCustomMethod] = useState<(typeof TRY_IT_METHODS)[number]>("GET");
  const [customPath, setCustomPath] = useState("/");
  const [params, setParams] = useState<Record<string, string>>({});
  const [query, setQuery] = useState("");
  const [headerText, setHeaderText] = useState("");
  const [body, setBody] = useState("");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ answer: TryItResult; team: string } | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const method = operation?.method ?? customMethod;
  const template = operation?.path ?? customPath;
  const pathParams = useMemo(() => [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!), [template]);
  const sendsBody = method !== "GET" && method !== "HEAD";

  function chooseTeam(slug: string) {
    setTeamSlug(slug);
    setKeyId(teams.find((candidate) => candidate.slug === slug)?.keys[0]?.id ?? "");
    setResult(null);
  }

  async function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const { path, missing } = fillPath(template, params);
    const { headers, invalid } = parseHeaderLines(headerText);
    if (missing.length) return setFailure({ message: `Fill in the path parameter ${missing.map((name) => `{${name}}`).join(", ")}.` });
    if (invalid.length) return setFailure({ message: `Write each header as “Name: value”; not understood: ${invalid[0]}` });
    // A body that is not JSON would reach the upstream (and be charged) as it is: only on purpose.
    const bodyProblem = sendsBody ? jsonBodyProblem(body, headers) : null;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (bodyProblem && submitter?.dataset.sendAnyway !== "true")
      return setFailure({ message: `The body is not valid JSON (${bodyProblem}). Fix it, or send it as it is.`, sendAnyway: true });
    const payload: TryItRequest = {
      team: teamSlug,
      keyId,
      api,
      method: method as TryItRequest["method"],
      path,
      query,
      headers,
      body: sendsBody && body ? body : undefined,
    };
    setPending(true);
    try {
      const response = await fetch("/api/try-it", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      });
      const data = await response.json().catch(() => null);
      if (response.ok && data) {
        setResult({ answer: data as TryItResult, team: teamSlug });
      } else {
        setResult(null);
        setFailure({ message: data?.detail ?? `The console could not send the request (HTTP ${response.status}).`, fields: data?.errors });
      }
    } catch {
      setFailure({ message: "The request did not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  if (teams.length === 0) return <p className="text-sm text-slate-600">Create or join a team to try this API.</p>;

  return (
    <form onSubmit={send} aria-label="Try it" className="space-y-4" data-testid="try-it-console">
      <div className="grid gap-4 sm:grid-cols-2">
        <TeamKeyPicker
          idPrefix="try"
          teams={teams}
          teamSlug={teamSlug}
          keyId={keyId}
          onTeamChange={chooseTeam}
          onKeyChange={setKeyId}
          noKeysTestId="try-it-no-keys"
        />
      </div>

      <div>
        <label htmlFor="try-operation" className={labelClass}>
          Operation
        </label>
        <select
          id="try-operation"
          value={operationIndex}
          onChange={(event) => {
            setOperationIndex(event.target.value);
            setParams({});
          }}
          className={inputClass}
        >
          {operations.map((option, index) => (
            <option key={`${option.method} ${option.path}`} value={String(index)}>
              {`${option.method} ${option.path}${option.summary ? ` — ${option.summary}` : ""}`}
            </option>
          ))}
          <option value={CUSTOM}>Custom request…</option>
        </select>
      </div>

      {operation === null ? (
        <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
          <div>
            <label htmlFor="try-method" className={labelClass}>
              Method
            </label>
            <select
              id="try-method"
              value={customMethod}
              onChange={(event) => setCustomMethod(event.target.value as typeof customMethod)}
              className={inputClass}
            >
              {TRY_IT_METHODS.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="try-path" className={labelClass}>
              Path
            </label>
            <input
              id="try-path"
              value={customPath}
              onChange={(event) => setCustomPath(event.target.value)}
              className={`${inputClass} font-mono`}
              placeholder="/echo"
            />
          </div>
        </div>
      ) : null}

      {pathParams.length ? (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">Path parameters</legend>
          {pathParams.map((name) => (
            <div key={name}>
              <label htmlFor={`try-param-${name}`} className={labelClass}>
                {name}
              </label>
              <input
                id={`try-param-${name}`}
                value={params[name] ?? ""}
                onChange={(event) => setParams({ ...params, [name]: event.target.value })}
                className={`${inputClass} font-mono`}
                required
              />
            </div>
          ))}
        </fieldset>
      ) : null}

      <div>
        <label htmlFor="try-query" className={labelClass}>
          Query string
        </label>
        <input
          id="try-query"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          className={`${inputClass} font-mono`}
          placeholder="id=3&verbose=true"
        />
      </div>
      <div>
        <label htmlFor="try-headers" className={labelClass}>
          Headers
        </label>
        <textarea
          id="try-headers"
          value={headerText}
          onChange={(event) => setHeaderText(event.target.value)}
          rows={2}
          className={`${inputClass} font-mono`}
          placeholder="Accept: application/json"
          aria-describedby="try-headers-hint"
        />
        <p id="try-headers-hint" className="mt-1 text-xs text-slate-500">
          One “Name: value” per line. The team key is added for you.
        </p>
      </div>
      {sendsBody ? (
        <div>
          <label htmlFor="try-body" className={labelClass}>
            JSON body
          </label>
          <textarea
            id="try-body"
            value={body}
            aria-invalid={failure?.sendAnyway ? true : undefined}
            aria-describedby={failure?.sendAnyway ? "try-failure" : undefined}
            onChange={(event) => setBody(event.target.value)}
            rows={5}
            className={`${inputClass} font-mono`}
            placeholder='{"hello": "world"}'
          />
        </div>
      ) : null}

      {failure ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          <p id="try-failure">{failure.message}</p>
          {failure.fields ? (
            <ul className="mt-1 list-disc pl-5">
              {Object.entries(failure.fields).map(([field, message]) => (
                <li key={field}>{`${field}: ${message}`}</li>
              ))}
            </ul>
          ) : null}
          {failure.sendAnyway ? (
            <Button type="submit" variant="secondary" size="sm" className="mt-2" data-send-anyway="true" disabled={pending || !keyId}>
              Send it anyway
            </Button>
          ) : null}
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending || !keyId} aria-disabled={pending || !keyId}>
          {pending ? "Sending…" : "Send request"}
        </Button>
        <p className="text-xs text-slate-500">
          <code className="font-mono">
            {method} {fillPath(template, params).path}
            {query ? `?${query.replace(/^\?/, "")}` : ""}
          </code>{" "}
          · charged to the team at its plan&apos;s price.
        </p>
      </div>
      <div aria-live="polite">{result ? <TryItResultView result={result.answer} team={result.team} /> : null}</div>
    </form>
  );
}
