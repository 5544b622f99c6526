"use server";
// The model registry in the admin console: providers (with their connection test), models and
// deployments. Each action checks the platform admin itself, reads the form through lib and saves
// through the same domain functions as the management API (audited, caches invalidated).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { runAction, type ActionState } from "@/lib/auth/action";
import { requirePlatformAdmin } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { createProvider } from "@/lib/ai/registry/create-provider";
import { updateProvider } from "@/lib/ai/registry/update-provider";
import { deleteProvider } from "@/lib/ai/registry/delete-provider";
import { testProviderConnection } from "@/lib/ai/registry/test-provider-connection";
import {
  echoProviderValues,
  readProviderForm,
  type ConnectionTestState,
  type ProviderFormState,
} from "@/lib/ai/registry/read-provider-form";
import { createModel } from "@/lib/ai/registry/create-model";
import { updateModel } from "@/lib/ai/registry/update-model";
import { deleteModel } from "@/lib/ai/registry/delete-model";
import { addDeployment, removeDeployment, updateDeployment } from "@/lib/ai/registry/deployments";
import { deploymentFormSchema, deploymentUpdateFormSchema, readModelForm, type ModelFormState } from "@/lib/ai/registry/read-model-form";

const modelPath = (publicId: string) => `/admin/ai/models/${encodeURIComponent(publicId)}`;

function refresh(...paths: string[]) {
  for (const path of ["/admin/ai", ...paths]) revalidatePath(path);
}

/** After a refusal the form shows what was sent again, never the key or the headers. */
async function runProvider(formData: FormData, work: () => Promise<ProviderFormState | void>): Promise<ProviderFormState> {
  const state: ProviderFormState = await runAction(formData, work);
  return state.ok === false ? { ...state, values: echoProviderValues(formData), nonce: Date.now() } : state;
}

export async function createProviderAction(_previous: ProviderFormState, formData: FormData): Promise<ProviderFormState> {
  return runProvider(formData, async () => {
    const admin = await requirePlatformAdmin();
    const read = await readProviderForm(formData, "create");
    if (!read.ok) return read.state;
    const provider = await createProvider(read.input, { type: "USER", userId: admin.id });
    refresh();
    redirect(`/admin/ai/providers/${provider.id}?created=1`);
  });
}

export async function updateProviderAction(_previous: ProviderFormState, formData: FormData): Promise<ProviderFormState> {
  return runProvider(formData, async () => {
    const admin = await requirePlatformAdmin();
    const id = String(formData.get("providerId") ?? "");
    const current = await db.aiProvider.findUnique({ where: { id }, select: { baseUrl: true } });
    if (!current) throw notFound("This provider");
    const read = await readProviderForm(formData, "update", current.baseUrl);
    if (!read.ok) return read.state;
    await updateProvider(id, read.input, { type: "USER", userId: admin.id });
    refresh(`/admin/ai/providers/${id}`);
    return { message: "Saved. The gateway uses the new settings from the next call.", nonce: Date.now() };
  });
}

export const deleteProviderAction = adminAction(z.object({ providerId: z.string().min(1) }), async (admin, input) => {
  await deleteProvider(input.providerId, { type: "USER", userId: admin.id });
  refresh();
  redirect("/admin/ai?deleted=provider");
});

export async function testProviderAction(_previous: ConnectionTestState, formData: FormData): Promise<ConnectionTestState> {
  // The test is not a change: nothing is written, so nothing is audited.
  return runAction(formData, async () => {
    await requirePlatformAdmin();
    const test = await testProviderConnection(String(formData.get("providerId") ?? ""));
    return { test } as ActionState;
  });
}

async function runModel(formData: FormData, work: () => Promise<ModelFormState | void>): Promise<ModelFormState> {
  const state: ModelFormState = await runAction(formData, work);
  return state.ok === false ? { ...state, nonce: Date.now() } : state;
}

export async function createModelAction(_previous: ModelFormState, formData: FormData): Promise<ModelFormState> {
  return runModel(formData, async () => {
    const admin = await requirePlatformAdmin();
    const read = await readModelForm(formData, "create");
    if (!read.ok) return read.state;
    const model = await createModel(read.input, { type: "USER", userId: admin.id });
    refresh();
    redirect(`${modelPath(model.publicId)}?created=1`);
  });
}

export async function updateModelAction(_previous: ModelFormState, formData: FormData): Promise<ModelFormState> {
  return runModel(formData, async () => {
    const admin = await requirePlatformAdmin();
    const publicId = String(formData.get("model") ?? "");
    const read = await readModelForm(formData, "update");
    if (!read.ok) return read.state;
    await updateModel(publicId, read.input, { type: "USER", userId: admin.id });
    refresh(modelPath(publicId));
    return { message: "Saved. New prices and limits apply from the next call.", nonce: Date.now() };
  });
}

export const deleteModelAction = adminAction(z.object({ model: z.string().min(1) }), async (admin, input) => {
  await deleteModel(input.model, { type: "USER", userId: admin.id });
  refresh();
  redirect("/admin/ai?deleted=model");
});

export const addDeploymentAction = adminAction(deploymentFormSchema, async (admin, { model, ...deployment }) => {
  await addDeployment(model, deployment, { type: "USER", userId: admin.id });
  refresh(modelPath(model));
  return { message: "Deployment added: calls can use it from now on." };
});

export const updateDeploymentAction = adminAction(deploymentUpdateFormSchema, async (admin, { model, deploymentId, ...settings }) => {
  const updated = await updateDeployment(model, deploymentId, settings, { type: "USER", userId: admin.id });
  refresh(modelPath(model));
  const usable = updated.deployments.some((deployment) => deployment.enabled);
  return { message: usable ? "Saved: the next call routes by it." : "Saved. No deployment of this model is enabled now: its calls fail." };
});

export const removeDeploymentAction = adminAction(
  z.object({ model: z.string().min(1), deploymentId: z.string().min(1) }),
  async (admin, input) => {
    await removeDeployment(input.model, input.deploymentId, { type: "USER", userId: admin.id });
    refresh(modelPath(input.model));
    return { message: "Deployment removed." };
  },
);
