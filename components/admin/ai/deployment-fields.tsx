// The provider and provider-model fields of a deployment, shared by the new model's first
// deployment and the "Add a deployment" form. `name` maps a field to its form name.
import { Field, SelectField } from "@/components/ui/form";

export type ProviderOption = { id: string; slug: string; name: string };

type Props = {
  providers: ProviderOption[];
  name: (field: "provider" | "providerModel") => string;
  values: Record<string, string>;
  errors: Record<string, string>;
  /** offer "None yet" (the new model's optional first deployment) */
  optional?: boolean;
};

export function DeploymentFields({ providers, name, values, errors, optional = false }: Props) {
  return (
    <>
      <SelectField
        label="Provider"
        name={name("provider")}
        defaultValue={values[name("provider")] ?? (optional ? "" : providers[0]?.id)}
        error={errors[name("provider")]}
      >
        {optional ? <option value="">None yet</option> : null}
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.name} ({provider.slug})
          </option>
        ))}
      </SelectField>
      <Field
        label="Provider model"
        name={name("providerModel")}
        placeholder="gpt-4o-mini-2024-07-18"
        defaultValue={values[name("providerModel")]}
        error={errors[name("providerModel")]}
        hint="The name the provider lists (Test connection on the provider shows them)."
      />
    </>
  );
}
