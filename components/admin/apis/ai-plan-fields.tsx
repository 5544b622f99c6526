// The fields an AI API's plan adds: tokens per minute per key, a cap on output tokens per call,
// and which of the API's models the plan allows (none ticked: all of them).
import { Field } from "@/components/ui/form";

type Props = {
  name: (field: string) => string;
  id: (field: string) => string;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** the models the API publishes, as chosen in the form */
  models: string[];
};

export function AiPlanFields({ name, id, values, errors, models }: Props) {
  const allowed = new Set((values.allowedModels ?? "").split(",").filter(Boolean));
  const field = (key: string) => ({ name: name(key), id: id(key), defaultValue: values[key] ?? "", error: errors[name(key)] });
  return (
    <>
      <Field
        label="Tokens per minute"
        {...field("tokensPerMinute")}
        inputMode="numeric"
        hint="Per key, input and output. Empty: no limit."
      />
      <Field label="Max output tokens" {...field("maxOutputTokens")} inputMode="numeric" hint="Per call. Empty: the model's own cap." />
      <fieldset className="sm:col-span-2 xl:col-span-3">
        <legend className="text-sm font-medium text-slate-700">Allowed models</legend>
        {models.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">Choose the API&apos;s models above first.</p>
        ) : (
          <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {models.map((publicId) => (
              <label key={publicId} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  name={name("allowedModels")}
                  value={publicId}
                  defaultChecked={allowed.has(publicId)}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {publicId}
              </label>
            ))}
          </div>
        )}
        {errors[name("allowedModels")] ? (
          <p className="mt-1 text-sm text-red-600">{errors[name("allowedModels")]}</p>
        ) : (
          <p className="mt-1 text-xs text-slate-500">None ticked: every model of the API.</p>
        )}
      </fieldset>
    </>
  );
}
