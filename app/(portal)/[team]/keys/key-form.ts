// The create-key form as the browser posts it, turned into the domain's input. Amounts are typed as
// decimals of the currency and become integer micro-units here; the domain validates the rest.
import { z } from "zod";
import { decimalToMicros } from "@/lib/money";
import type { CreateApiKeyInput } from "@/lib/keys/create-api-key";
import type { UpdateApiKeyInput } from "@/lib/keys/update-api-key";
import { invalid } from "@/lib/validation";

const EXPIRY_DAYS = { none: null, "30": 30, "90": 90, "365": 365 } as const;
/** Checkbox names of the API list: `api:<id>`, so each checked API is its own form field. */
export const API_FIELD_PREFIX = "api:";

// Loose: the `api:<id>` checkboxes come through as extra keys.
export const keyFormSchema = z.looseObject({
  name: z.string(),
  scope: z.enum(["all", "selected"]).default("all"),
  expiry: z.enum(["none", "30", "90", "365"]).default("none"),
  spendCap: z.string().trim().max(30, "Enter an amount like 25 or 12.50.").default(""),
  scopeManage: z.literal("on").optional(),
});

type KeyForm = z.infer<typeof keyFormSchema>;

export function toCreateInput(form: KeyForm, now = Date.now()): CreateApiKeyInput {
  const days = EXPIRY_DAYS[form.expiry];
  return {
    name: form.name,
    mode: "live",
    scopeAllApis: form.scope === "all",
    scopeApiIds: Object.keys(form)
      .filter((field) => field.startsWith(API_FIELD_PREFIX))
      .map((field) => field.slice(API_FIELD_PREFIX.length)),
    scopeManage: form.scopeManage === "on",
    expiresAt: days === null ? null : new Date(now + days * 86_400_000),
    spendCap: form.spendCap === "" ? null : parseAmount(form.spendCap),
  };
}

/** The edit form of one key (components/keys/edit-key-form.tsx); `*Was` is the value it was shown with. */
export const editKeyFormSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().default(""),
  spendCap: z.string().trim().max(30, "Enter an amount like 25 or 12.50.").default(""),
  spendCapWas: z.string().default(""),
  expiresOn: z.union([z.literal(""), z.iso.date("Pick a date, or leave it empty for never.")]).default(""),
  expiresWas: z.string().default(""),
});

type EditKeyForm = z.infer<typeof editKeyFormSchema>;

/** Only the fields that differ from what the form showed; an expiry date means the end of that UTC day. */
export function toUpdateInput(form: EditKeyForm): UpdateApiKeyInput {
  const spendCapChanged = form.spendCap !== form.spendCapWas;
  const expiryChanged = form.expiresOn !== form.expiresWas;
  return {
    name: form.name,
    spendCap: !spendCapChanged ? undefined : form.spendCap === "" ? null : parseAmount(form.spendCap),
    expiresAt: !expiryChanged ? undefined : form.expiresOn === "" ? null : endOfDay(form.expiresOn),
  };
}

function endOfDay(date: string): Date {
  const end = new Date(`${date}T23:59:59.999Z`);
  if (end.getTime() <= Date.now()) throw invalid({ expiresOn: "Pick today or a later date, or leave it empty for never." });
  return end;
}

function parseAmount(value: string): bigint {
  try {
    return decimalToMicros(value);
  } catch {
    throw invalid({ spendCap: "Enter an amount like 25 or 12.50 (up to six decimals)." });
  }
}
