// Sample bodies of a Prompt API (the catalog's curl example, the admin's test panel): no imports, so
// client components can use it.
/** A placeholder value of a variable's type, for sample bodies (the catalog's curl, the test panel). */
export function sampleValue(type: string, values: readonly string[]): unknown {
  if (type === "number") return 1;
  if (type === "boolean") return true;
  if (type === "string_array") return ["first", "second"];
  if (type === "enum") return values[0] ?? "";
  return "Sample text";
}
