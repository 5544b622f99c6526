// How the parts of a definition fit together, checked at save time so a broken prompt never goes
// live: every placeholder names a variable, every variable is used, names are unique, an enum has
// values, limits fit the type, and the output schema is a usable JSON Schema. Problems are keyed
// by field (`userTemplate`, `variables.2.name`, `outputSchema`) for forms and the management API.
import { VARIABLE_NAME_PATTERN, type PromptDefinition } from "@/lib/prompt-apis/definition-schema";
import { placeholdersOf } from "@/lib/prompt-apis/template";
import { outputSchemaProblem } from "@/lib/prompt-apis/output-schema";

export function definitionProblems(definition: PromptDefinition): Record<string, string> {
  const errors: Record<string, string> = {};
  const names = new Map<string, number>();
  definition.variables.forEach((variable, index) => {
    if (names.has(variable.name)) errors[`variables.${index}.name`] = `Another variable is already called “${variable.name}”.`;
    names.set(variable.name, index);
    if (variable.type === "enum" && variable.values.length === 0)
      errors[`variables.${index}.values`] = "List the values an enum variable may take.";
    if (variable.type !== "enum" && variable.values.length > 0) errors[`variables.${index}.values`] = "Only an enum variable has values.";
    if (variable.maxLength !== null && !["string", "string_array"].includes(variable.type))
      errors[`variables.${index}.maxLength`] = "Only strings and string lists have a maximum length.";
    if (variable.maxItems !== null && variable.type !== "string_array")
      errors[`variables.${index}.maxItems`] = "Only a string list has a maximum number of items.";
  });

  const used = new Set<string>();
  for (const field of ["systemPrompt", "userTemplate"] as const) {
    const unknown: string[] = [];
    for (const name of placeholdersOf(definition[field])) {
      used.add(name);
      if (!names.has(name)) unknown.push(VARIABLE_NAME_PATTERN.test(name) ? `{{${name}}}` : `{{${name.slice(0, 40)}}}`);
    }
    if (unknown.length)
      errors[field] =
        `Unknown placeholder${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: add a variable of that name or remove the placeholder.`;
  }
  for (const [name, index] of names) {
    if (!used.has(name) && !errors[`variables.${index}.name`])
      errors[`variables.${index}.name`] =
        `The variable “${name}” is not used: put {{${name}}} in the system prompt or the user template, or remove it.`;
  }

  if (definition.outputSchema) {
    const problem = outputSchemaProblem(definition.outputSchema);
    if (problem) errors.outputSchema = problem;
  }
  return errors;
}
