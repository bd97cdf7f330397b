/** What an irreversible action asks before it runs: the text of the confirmation and the action itself. */
export interface PendingAction {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly run: () => Promise<unknown>;
}

/** One confirmation at a time for a page: `ask` opens the dialog; the action runs only on confirm. */
export class Confirmation {
  pending = $state<PendingAction | null>(null);
  open = $state(false);

  ask(action: PendingAction): void {
    this.pending = action;
    this.open = true;
  }
}
