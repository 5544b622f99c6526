"use client";
// The app's own confirmation step for destructive actions, in place of window.confirm: a modal
// <dialog> (the page behind is inert), labelled by its question, Escape or Cancel backs out, Tab
// stays inside, and focus returns to the button that asked. `useConfirmedSubmit` holds a form's
// submit until the person confirms, then submits it again with the same button (its name/value).
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type Pending = { form: HTMLFormElement; submitter: HTMLElement | null; label: string };

/** "Retire…" -> "Retire": the button's own words name the dialog's confirm button. */
const confirmLabelOf = (submitter: HTMLElement | null) => submitter?.textContent?.replace(/…$/, "").trim() || "Confirm";

export function useConfirmedSubmit(question: string | undefined, options: { danger?: boolean; detail?: string } = {}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const confirmed = useRef(false);
  // Focus goes back to the asking button once the dialog is gone (while it is open the page is inert).
  const returnFocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (pending || !returnFocus.current) return;
    returnFocus.current.focus();
    returnFocus.current = null;
  }, [pending]);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>): boolean => {
    if (!question) return true;
    if (confirmed.current) {
      confirmed.current = false;
      return true;
    }
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    setPending({ form: event.currentTarget, submitter, label: confirmLabelOf(submitter) });
    return false;
  };

  const confirm = () => {
    if (!pending) return;
    confirmed.current = true;
    const { form, submitter } = pending;
    setPending(null);
    form.requestSubmit(submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement ? submitter : undefined);
  };

  const dialog = pending ? (
    <ConfirmDialog
      question={question ?? ""}
      detail={options.detail}
      confirmLabel={pending.label}
      danger={options.danger ?? true}
      onConfirm={confirm}
      onCancel={() => {
        returnFocus.current = pending.submitter;
        setPending(null);
      }}
    />
  ) : null;
  return { onSubmit, dialog };
}

type DialogProps = {
  question: string;
  detail?: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

export function ConfirmDialog({ question, detail, confirmLabel, danger = true, onConfirm, onCancel }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const safeChoice = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // Focus starts on the safe choice: Enter on a reflex keeps things as they are.
    safeChoice.current?.focus();
    return () => dialog?.close();
  }, []);

  // showModal makes the page inert; this also keeps Tab from leaving for the browser's own controls.
  const keepFocusInside = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab" || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-question`}
      aria-describedby={detail ? `${id}-detail` : undefined}
      onCancel={(event) => {
        event.preventDefault(); // Escape: closed by the parent, which also returns focus
        onCancel();
      }}
      onKeyDown={keepFocusInside}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-left shadow-xl backdrop:bg-slate-900/40"
    >
      <p id={`${id}-question`} className="text-sm font-semibold text-slate-900">
        {question}
      </p>
      {detail ? (
        <p id={`${id}-detail`} className="mt-2 text-sm text-slate-600">
          {detail}
        </p>
      ) : null}
      <div className="mt-5 flex flex-wrap justify-end gap-2">
        <Button ref={safeChoice} type="button" variant="secondary" onClick={onCancel}>
          {/^cancel/i.test(confirmLabel) ? "Keep it" : "Cancel"}
        </Button>
        <Button type="button" variant={danger ? "danger" : "primary"} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
