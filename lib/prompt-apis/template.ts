// Templates are plain substitution: `{{name}}` is replaced by the variable's value in ONE pass over
// the template, so a value that itself contains `{{other}}` stays text (it cannot reach another
// placeholder's value), and nothing but the caller's variables can be substituted: no code runs,
// no expressions, no access to anything on the server.
import type { PromptVariable } from "@/lib/prompt-apis/definition-schema";

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names of a template, each once, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** The template with each placeholder replaced by its value (the empty string for an optional variable not given). */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : ""));
}

/** A checked value as the text that replaces its placeholder. */
export function valueText(variable: PromptVariable, value: unknown): string {
  if (variable.type === "string_array") return (value as string[]).join("\n");
  return String(value);
}
