"use client";
// The OpenAPI document of an API: upload a file or paste JSON/YAML. When editing, the current
// document is kept unless the admin chooses to replace or remove it. The server validates the
// document and lists each problem with its line; a file over the limit or not text at all is
// refused here already, before it is sent (lib/catalog/openapi-file.ts, which the server uses too).
import { useState } from "react";
import type { OpenApiProblem } from "@/lib/catalog/openapi-document";
import { openApiFileProblem } from "@/lib/catalog/openapi-file";

type Mode = "keep" | "replace" | "remove";

type Props = {
  editing: boolean;
  /** "Weather API 1.2.0 · 14 paths", when a document is stored */
  current: string | null;
  defaultMode?: string;
  defaultText?: string;
  error?: string;
  problems?: OpenApiProblem[];
  maxLabel: string;
};

export function OpenApiField({ editing, current, defaultMode, defaultText, error, problems, maxLabel }: Props) {
  const [mode, setMode] = useState<Mode>((defaultMode as Mode) || (editing && current ? "keep" : "replace"));
  const [fileError, setFileError] = useState<string | null>(null);
  const shown = !editing || mode === "replace";
  const message = fileError ?? error;
  return (
    <div className="space-y-3">
      {editing ? (
        <fieldset>
          <legend className="text-sm text-slate-700">
            {current ? (
              <>
                Current document: <span className="font-medium">{current}</span>
              </>
            ) : (
              "No document is stored."
            )}
          </legend>
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {(current ? (["keep", "replace", "remove"] as const) : (["keep", "replace"] as const)).map((option) => (
              <label key={option} className="flex items-center gap-2">
                <input type="radio" name="openapiMode" value={option} checked={mode === option} onChange={() => setMode(option)} />
                {option === "keep"
                  ? current
                    ? "Keep the current document"
                    : "No document"
                  : option === "replace"
                    ? current
                      ? "Replace it"
                      : "Add one"
                    : "Remove it"}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <div hidden={!shown} className="space-y-3">
        <div>
          <label htmlFor="openapiFile" className="block text-sm font-medium text-slate-700">
            Upload a file (.json, .yaml)
          </label>
          <input
            id="openapiFile"
            name="openapiFile"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            disabled={!shown}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "openapi-file-error" : undefined}
            onChange={async (event) => {
              const input = event.currentTarget;
              const file = input.files?.[0];
              const problem = file ? await openApiFileProblem(file) : null;
              // The same check as the server's: the file is not sent when it would be refused.
              if (problem) input.value = "";
              setFileError(problem);
            }}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          />
        </div>
        <div>
          <label htmlFor="openapiText" className="block text-sm font-medium text-slate-700">
            …or paste it (JSON or YAML)
          </label>
          <textarea
            id="openapiText"
            name="openapiText"
            rows={10}
            disabled={!shown}
            defaultValue={defaultText}
            spellCheck={false}
            aria-invalid={message ? true : undefined}
            aria-describedby="openapi-help"
            placeholder={"openapi: 3.1.0\ninfo:\n  title: Weather API\n  version: 1.0.0\npaths: {}"}
            className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 font-mono text-xs shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 ${message ? "border-red-500" : "border-slate-300"}`}
          />
          <p id="openapi-help" className="mt-1 text-xs text-slate-500">
            OpenAPI 3.0 or 3.1, at most {maxLabel}. A file takes precedence over pasted text. Swagger 2.0 must be converted first.
          </p>
        </div>
      </div>
      {message ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          <p id={fileError ? "openapi-file-error" : undefined}>
            {fileError ??
              (problems?.length
                ? `The OpenAPI document has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}:`
                : message)}
          </p>
          {!fileError && problems?.length ? (
            <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="openapi-problems">
              {problems.map((problem, index) => (
                <li key={index}>
                  {problem.line ? (
                    <span className="font-medium">
                      Line {problem.line}, column {problem.column ?? 1}
                    </span>
                  ) : (
                    <code className="text-xs">{problem.pointer || "document"}</code>
                  )}
                  {problem.line && problem.pointer ? <code className="ml-1 text-xs text-red-600/80">({problem.pointer})</code> : null}:{" "}
                  <Inline text={problem.message} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Problem messages mark names with `backticks`: show those as code. */
function Inline({ text }: { text: string }) {
  return text.split("`").map((part, index) =>
    index % 2 ? (
      <code key={index} className="text-xs">
        {part}
      </code>
    ) : (
      part
    ),
  );
}
