// Tool names as MCP clients accept them: at most 64 characters of [A-Za-z0-9_-], unique on one
// server. Made from the API slug and the operationId (or the method and path), so an agent can tell
// whose tool it is.
export const TOOL_NAME_MAX = 64;
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** "pets", "getPetById" -> "pets_getPetById"; "pets", "GET /pets/{id}" -> "pets_get_pets_id". */
export function toolNameFor(apiSlug: string, operationId: string | null, method: string, path: string): string {
  const operation = operationId?.trim() || `${method.toLowerCase()} ${path}`;
  return clean(`${apiSlug}_${clean(operation)}`) || "tool";
}

function clean(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_-]+/g, "_")
    .replace(/_{2,}/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .slice(0, TOOL_NAME_MAX)
    .replace(/[_-]+$/, "");
}

/**
 * Hands out names without repeats: a name already taken (two operations that clean to the same text,
 * or two cut at 64 characters) gets `_2`, `_3`… within the limit.
 */
export class ToolNames {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }

  claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(name); n++) {
      const suffix = `_${n}`;
      name = `${wanted.slice(0, TOOL_NAME_MAX - suffix.length)}${suffix}`;
    }
    this.taken.add(name);
    return name;
  }
}
