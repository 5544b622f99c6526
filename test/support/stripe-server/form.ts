// Stripe's v1 API takes `application/x-www-form-urlencoded` bodies (and query strings) with
// bracketed keys: `line_items[0][price_data][unit_amount]=2500&metadata[team]=t1&expand[]=x`.
// parseForm turns them back into nested objects and arrays; Params reads them with Stripe's own
// validation messages, so an app that sends a wrong type gets the error Stripe would give.
import { invalidRequest } from "./errors";

export type FormValue = string | FormObject | FormValue[];
export type FormObject = { [key: string]: FormValue };

export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const head = key.match(/^[^[]+/)?.[0] ?? key;
    const path = [head, ...[...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    let node = root;
    path.forEach((segment, i) => {
      // `a[]=x&a[]=y` appends: the next free index of the node
      const name = segment === "" ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) return void (node[name] = value);
      const next = node[name];
      if (typeof next === "string") throw invalidRequest(`Invalid hash`, path.slice(0, i + 1).join("."));
      node = (next as FormObject | undefined) ?? (node[name] = {});
    });
  }
  return arrays(root) as FormObject;
}

/** Objects whose keys are all indexes become arrays; metadata keys stay keys even when numeric. */
function arrays(value: FormValue, key = ""): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const entries = Object.entries(value).map(([k, v]) => [k, key === "metadata" ? v : arrays(v, k)] as const);
  if (key !== "metadata" && entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/** Typed reads of one (nested) parameter hash; `name` builds Stripe's param paths for errors. */
export class Params {
  constructor(
    readonly raw: FormObject,
    private readonly prefix = "",
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  /** Stripe refuses parameters it does not know; so does this server, which also catches typos. */
  only(...allowed: string[]): this {
    for (const key of Object.keys(this.raw)) {
      if (!allowed.includes(key) && key !== "expand") {
        throw invalidRequest(`Received unknown parameter: ${this.name(key)}`, this.name(key), "parameter_unknown");
      }
    }
    return this;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: string, required = false): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === "") {
      if (required) throw invalidRequest(`Missing required param: ${this.name(key)}.`, this.name(key), "parameter_missing");
      return undefined;
    }
    if (typeof value !== "string") throw invalidRequest(`Invalid string: ${this.name(key)}`, this.name(key), "parameter_invalid_string");
    return value;
  }

  oneOf<T extends string>(key: string, values: readonly T[], required = false): T | undefined {
    const value = this.string(key, required);
    if (value !== undefined && !values.includes(value as T)) {
      throw invalidRequest(`Invalid ${this.name(key)}: must be one of ${values.join(", ")}`, this.name(key));
    }
    return value as T | undefined;
  }

  /** A three-letter ISO currency code, lower-cased as Stripe returns it. */
  currency(key = "currency"): string {
    const value = this.string(key, true)!.toLowerCase();
    if (!/^[a-z]{3}$/.test(value)) throw invalidRequest(`Invalid currency: ${value}.`, this.name(key));
    return value;
  }

  int(key: string, options: { required?: boolean; min?: number } = {}): number | undefined {
    const text = this.string(key, options.required);
    if (text === undefined) return undefined;
    if (!/^-?\d+$/.test(text)) throw invalidRequest(`Invalid integer: ${text}`, this.name(key), "parameter_invalid_integer");
    const value = Number(text);
    if (options.min !== undefined && value < options.min) {
      throw invalidRequest(`This value must be greater than or equal to ${options.min}.`, this.name(key), "parameter_invalid_integer");
    }
    return value;
  }

  bool(key: string): boolean | undefined {
    const text = this.string(key);
    if (text === undefined) return undefined;
    if (text !== "true" && text !== "false") throw invalidRequest(`Invalid boolean: ${text}`, this.name(key));
    return text === "true";
  }

  hash(key: string): Params | undefined {
    const value = this.raw[key];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw invalidRequest(`Invalid hash`, this.name(key));
    return new Params(value, this.name(key));
  }

  list(key: string): Params[] {
    const value = this.raw[key];
    if (value === undefined || value === "") return [];
    if (!Array.isArray(value)) throw invalidRequest(`Invalid array`, this.name(key));
    return value.map((item, i) => {
      if (typeof item !== "object" || Array.isArray(item)) throw invalidRequest(`Invalid hash`, `${this.name(key)}[${i}]`);
      return new Params(item, `${this.name(key)}[${i}]`);
    });
  }

  strings(key: string): string[] {
    const value = this.raw[key];
    if (value === undefined || value === "") return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
      if (typeof item !== "string") throw invalidRequest(`Invalid array`, this.name(key));
      return item;
    });
  }

  /** Stripe's limits: 50 keys, keys up to 40 characters, values up to 500, all strings. */
  metadata(key = "metadata"): Record<string, string> | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === "") return {}; // `metadata=` clears every key on update
    if (typeof value !== "object" || Array.isArray(value)) throw invalidRequest(`Invalid hash`, this.name(key));
    const entries = Object.entries(value);
    if (entries.length > 50) throw invalidRequest(`Invalid ${key}: must have at most 50 keys`, this.name(key));
    for (const [k, v] of entries) {
      if (typeof v !== "string") throw invalidRequest(`Invalid ${key}[${k}]: must be a string`, this.name(key));
      if (k.length > 40) throw invalidRequest(`Metadata keys can have at most 40 characters`, `${this.name(key)}[${k}]`);
      if (v.length > 500) throw invalidRequest(`Metadata values can have at most 500 characters`, `${this.name(key)}[${k}]`);
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }
}

/** Metadata update semantics: merge, and an empty value removes that key. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | undefined) {
  if (update === undefined) return current;
  if (Object.keys(update).length === 0) return {};
  const merged = { ...current, ...update };
  for (const [k, v] of Object.entries(update)) if (v === "") delete merged[k];
  return merged;
}
