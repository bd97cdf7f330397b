import { ApiError } from '../api/client';
import type { FieldProblem } from '../api/types';

/** The API's per-field problems carried by `error`, if it is a refusal that names fields. */
export function problemsOf(error: unknown): readonly FieldProblem[] {
  return error instanceof ApiError ? error.problems : [];
}

/** The control of `form` that edits the API field `field`: by `name`, or by `data-field` for composite ones. */
export function controlFor(root: ParentNode, field: string): HTMLElement | null {
  const quoted = CSS.escape(field);
  return root.querySelector<HTMLElement>(`[name="${quoted}"], [data-field="${quoted}"]`);
}

/** What a person calls the control: its label's text, else the API field name. */
export function controlLabel(control: HTMLElement | null, field: string): string {
  const labels = (control as HTMLInputElement | null)?.labels;
  const text = labels && labels.length > 0 ? labels[0].textContent : control?.getAttribute('aria-label');
  return text?.replace(/\s+/g, ' ').trim() || field;
}

const MARK = 'data-server-error';

function clear(form: HTMLFormElement): void {
  for (const note of form.querySelectorAll(`p[${MARK}]`)) {
    const control = form.querySelector<HTMLElement>(`[aria-describedby~="${note.id}"]`);
    if (control) {
      const rest = (control.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((id) => id && id !== note.id);
      if (rest.length > 0) {
        control.setAttribute('aria-describedby', rest.join(' '));
      } else {
        control.removeAttribute('aria-describedby');
      }
      control.removeAttribute('aria-invalid');
    }
    note.remove();
  }
}

let counter = 0;

function mark(form: HTMLFormElement, problems: readonly FieldProblem[]): void {
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
  }
  for (const [field, messages] of byField) {
    const control = controlFor(form, field);
    if (!control) {
      continue;
    }
    const note = document.createElement('p');
    note.id = `server-error-${++counter}`;
    note.className = 'field-error';
    note.setAttribute(MARK, field);
    note.textContent = messages.join(' ');
    // after the control, or after the label that wraps it (checkboxes)
    const anchor = control.closest('label') ?? control;
    anchor.after(note);
    const described = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', described ? `${described} ${note.id}` : note.id);
    control.setAttribute('aria-invalid', 'true');
  }
}

/**
 * Svelte action for any form: `<form use:fieldErrors={error}>`. When `error` is an API refusal naming
 * fields, each message is written right after its control (found by `name`, or `data-field`), which gets
 * `aria-invalid` and an `aria-describedby` pointing at it; the next error (or none) clears them. The summary
 * at the top of the form is `ErrorMessage`.
 */
export function fieldErrors(form: HTMLFormElement, error: unknown) {
  mark(form, problemsOf(error));
  return {
    update(next: unknown) {
      clear(form);
      mark(form, problemsOf(next));
    },
    destroy() {
      clear(form);
    },
  };
}
